package eu.federa.ai;

import eu.federa.billing.CostService;
import eu.federa.billing.Metering.TokenTotal;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.provisioning.AiServices;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Token usage of the organisation's AI endpoints in a month, by API key, endpoint, model and
 * provider: tenant admins and billing members see all of it, a member the usage of their own keys.
 */
@ApplicationScoped
public class AiUsage {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject CostService costs;
  @Inject AiServices services;

  /**
   * One line of usage.
   *
   * @param keyId null: reported by an appliance, not through the gateway
   */
  public record Line(
      Long keyId,
      String keyName,
      String keyPrefix,
      Long projectId,
      String endpoint,
      String modelCode,
      String providerName,
      long requests,
      long inputTokens,
      long outputTokens,
      long estimatedRequests)
      implements Serializable {

    public long totalTokens() {
      return inputTokens + outputTokens;
    }
  }

  /** The month's usage the caller may see, largest first. */
  @Transactional
  public List<Line> ofMonth(long tenantId, YearMonth month) {
    ReadOnlyCalls.mark(em); // reads only: the price lists and memberships as already read
    Membership member = access.require(tenantId, TenantPermission.VIEW);
    boolean all = member.getRole().allows(TenantPermission.SEE_BILLING);
    List<TokenTotal> totals = costs.tokenTotals(tenantId, month);
    Map<Long, Object[]> keys = new HashMap<>();
    for (Object[] k :
        em.createQuery(
                "select k.id, k.name, k.keyPrefix, k.createdBy from ApiKey k where k.tenantId = :t",
                Object[].class)
            .setParameter("t", tenantId)
            .getResultList()) {
      keys.put((Long) k[0], k);
    }
    Set<Long> mine =
        keys.values().stream()
            .filter(k -> member.getUserSubject().equals(k[3]))
            .map(k -> (Long) k[0])
            .collect(Collectors.toSet());
    Map<Long, String> names =
        services.names(
            tenantId, totals.stream().map(TokenTotal::serviceId).collect(Collectors.toSet()));
    return totals.stream()
        .filter(t -> all || (t.keyId() != null && mine.contains(t.keyId())))
        .map(
            t -> {
              Object[] key = t.keyId() == null ? null : keys.get(t.keyId());
              return new Line(
                  t.keyId(),
                  key == null ? null : (String) key[1],
                  key == null ? null : (String) key[2],
                  t.projectId(),
                  names.getOrDefault(t.serviceId(), "#" + t.serviceId()),
                  t.modelCode(),
                  t.providerName(),
                  t.requests(),
                  t.inputTokens(),
                  t.outputTokens(),
                  t.estimatedRequests());
            })
        .toList();
  }
}
