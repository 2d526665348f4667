package eu.federa.cloud.registry;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each host's own power model (issue #20): idle and fully busy watts a platform admin set for one
 * host, over its provider's model and its hardware class's default. Kept by the provider's host id
 * in {@code host_power}, apart from the rows the inventory sync rewrites.
 */
@ApplicationScoped
public class HostPowers {

  /** The highest wattage a host (or a provider's hosts) may be given. */
  static final int MAX_WATTS = 20_000;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject Clock clock;
  @Inject AuditLog audit;

  /** A power model: watts when idle and when fully busy. */
  public record Power(int idleWatts, int fullWatts) implements Serializable {}

  /** A host's own power model as the API sets and answers it (both null: its provider's). */
  public record PowerForm(Integer idleWatts, Integer fullWatts) implements Serializable {}

  /**
   * The problems of a pair of wattages, each named by its field: each within 0 to 20,000, both or
   * neither given, idle not above full. The one rule for a provider's hosts and for a host.
   */
  static List<FieldError> errors(String idleField, Integer idle, String fullField, Integer full) {
    List<FieldError> errors = new ArrayList<>();
    if (idle != null && (idle < 0 || idle > MAX_WATTS)) {
      errors.add(FieldError.of(idleField, "energy.error.watts"));
    }
    if (full != null && (full < 0 || full > MAX_WATTS)) {
      errors.add(FieldError.of(fullField, "energy.error.watts"));
    }
    if ((idle == null) != (full == null) || idle != null && idle > full) {
      errors.add(FieldError.of(idleField, "energy.error.idleAboveFull"));
    }
    return errors;
  }

  /**
   * Sets the power model of host {@code hostId} (the registry's id) of provider {@code providerId},
   * or, with both wattages empty, lets it draw its provider's again (platform admins; audited).
   *
   * @return the host's own model now, null when it has none
   * @throws InvalidInputException as {@link #errors} finds; nothing is changed
   * @throws NotFoundException for a host that is not the provider's (or no longer in its inventory)
   */
  @Transactional
  public Power set(long providerId, long hostId, Integer idleWatts, Integer fullWatts) {
    caller.requirePlatformAdmin();
    ProviderHost host = em.find(ProviderHost.class, hostId);
    if (host == null || host.getProviderId() != providerId) {
      throw new NotFoundException("host", hostId);
    }
    List<FieldError> errors = errors("idleWatts", idleWatts, "fullWatts", fullWatts);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Power before = of(providerId, List.of(host.getOneHostId())).get(host.getOneHostId());
    Power after = idleWatts == null ? null : new Power(idleWatts, fullWatts);
    if (after == null) {
      em.createNativeQuery("DELETE FROM host_power WHERE provider_id = ?1 AND one_host_id = ?2")
          .setParameter(1, providerId)
          .setParameter(2, host.getOneHostId())
          .executeUpdate();
    } else {
      em.createNativeQuery(
              "INSERT INTO host_power (provider_id, one_host_id, idle_watts, full_watts,"
                  + " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                  + " ON DUPLICATE KEY UPDATE idle_watts = VALUES(idle_watts),"
                  + " full_watts = VALUES(full_watts), updated_at = VALUES(updated_at),"
                  + " updated_by = VALUES(updated_by)")
          .setParameter(1, providerId)
          .setParameter(2, host.getOneHostId())
          .setParameter(3, after.idleWatts())
          .setParameter(4, after.fullWatts())
          .setParameter(5, clock.instant())
          .setParameter(6, caller.user().map(u -> u.subject()).orElse("?"))
          .executeUpdate();
    }
    audit.success(
        AuditAction.PROVIDER_ENERGY_CHANGED,
        null,
        AuditTarget.hostOfProvider(host.getName(), providerId),
        AuditDetail.HOST_POWER.text(text(before), text(after)));
    return after;
  }

  /** The own power models of these hosts of a provider (its host ids), by host id. */
  Map<Integer, Power> of(long providerId, Collection<Integer> oneHostIds) {
    Map<Integer, Power> found = new HashMap<>();
    if (oneHostIds.isEmpty()) {
      return found;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT one_host_id, idle_watts, full_watts FROM host_power"
                    + " WHERE provider_id = ?1 AND one_host_id IN (?2)")
            .setParameter(1, providerId)
            .setParameter(2, List.copyOf(oneHostIds))
            .getResultList();
    for (Object[] r : rows) {
      found.put(
          ((Number) r[0]).intValue(),
          new Power(((Number) r[1]).intValue(), ((Number) r[2]).intValue()));
    }
    return found;
  }

  /**
   * The own power models of the providers' hosts that are in their inventories now, by provider:
   * one statement.
   */
  Map<Long, List<Power>> ofProvidersHosts(Collection<Long> providerIds) {
    Map<Long, List<Power>> found = new HashMap<>();
    if (providerIds.isEmpty()) {
      return found;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT p.provider_id, p.idle_watts, p.full_watts FROM host_power p"
                    + " JOIN provider_host h ON h.provider_id = p.provider_id"
                    + " AND h.one_host_id = p.one_host_id WHERE p.provider_id IN (?1)")
            .setParameter(1, List.copyOf(providerIds))
            .getResultList();
    for (Object[] r : rows) {
      found
          .computeIfAbsent(((Number) r[0]).longValue(), id -> new ArrayList<>())
          .add(new Power(((Number) r[1]).intValue(), ((Number) r[2]).intValue()));
    }
    return found;
  }

  private static String text(Power power) {
    return power == null
        ? AuditDetail.power(null, null)
        : AuditDetail.power(power.idleWatts(), power.fullWatts());
  }
}
