package eu.federa.cloud.registry;

import eu.federa.cloud.CloudAccount;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.security.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's side at each provider: an OpenNebula group for the tenant and a user of that group
 * that Federa acts as. Prepared lazily, the first time the tenant's workload goes to a provider,
 * and never twice: preparations of one tenant are serialised on every node by a lock on the
 * tenant's row, the result is recorded, and OpenNebula is searched by name before anything is
 * allocated, so a retry after a crash adopts what the first attempt created. Users never see these
 * credentials. Called by provisioning when a workload is placed at a provider.
 */
@ApplicationScoped
public class TenantAccounts {

  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject Clock clock;

  /** The tenant's account at a provider, as provisioning will use it. */
  public record TenantAccount(
      long providerId, long tenantId, int groupId, int userId, String userName) {}

  /**
   * Returns the tenant's group and user at the provider, creating them on first use.
   *
   * @throws ProviderNotFoundException for an unknown provider
   * @throws NotFoundException for an unknown tenant
   * @throws eu.federa.cloud.CloudException when the provider cannot be reached or refuses; nothing
   *     is recorded and the next call tries again
   */
  @Transactional
  public TenantAccount prepare(long providerId, long tenantId) {
    ProviderConnection connection = work.connection(providerId);
    if (connection == null) {
      throw new ProviderNotFoundException(providerId);
    }
    String group = "federa-tenant-" + tenantId;
    String user = group + "-agent";
    // One preparation per tenant at a time, on every node: the tenant's row is the lock (a lock
    // on the account row itself deadlocks when several first inserts race on its key).
    if (em.createNativeQuery("SELECT id FROM tenant WHERE id = ?1 FOR UPDATE")
        .setParameter(1, tenantId)
        .getResultList()
        .isEmpty()) {
      throw new NotFoundException("tenant", tenantId);
    }
    em.createNativeQuery(
            "INSERT IGNORE INTO provider_tenant_account (provider_id, tenant_id, group_name,"
                + " user_name, user_secret, ready, created_at) VALUES (?1, ?2, ?3, ?4, ?5, FALSE, ?6)")
        .setParameter(1, providerId)
        .setParameter(2, tenantId)
        .setParameter(3, group)
        .setParameter(4, user)
        .setParameter(5, secret())
        .setParameter(6, clock.instant())
        .executeUpdate();
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT ready, one_group_id, one_user_id, user_secret FROM provider_tenant_account"
                        + " WHERE provider_id = ?1 AND tenant_id = ?2")
                .setParameter(1, providerId)
                .setParameter(2, tenantId)
                .getSingleResult();
    if (Boolean.TRUE.equals(asBoolean(row[0]))) {
      return new TenantAccount(
          providerId, tenantId, ((Number) row[1]).intValue(), ((Number) row[2]).intValue(), user);
    }
    OpenNebulaClient client = clients.clientFor(connection);
    int groupId =
        find(client.groupPool(), group)
            .map(CloudAccount::id)
            .orElseGet(() -> client.allocateGroup(group));
    int userId =
        find(client.userPool(), user)
            .map(CloudAccount::id)
            .orElseGet(() -> client.allocateUser(user, (String) row[3], "core", List.of(groupId)));
    em.createNativeQuery(
            "UPDATE provider_tenant_account SET one_group_id = ?1, one_user_id = ?2, ready = TRUE"
                + " WHERE provider_id = ?3 AND tenant_id = ?4")
        .setParameter(1, groupId)
        .setParameter(2, userId)
        .setParameter(3, providerId)
        .setParameter(4, tenantId)
        .executeUpdate();
    return new TenantAccount(providerId, tenantId, groupId, userId, user);
  }

  private static Boolean asBoolean(Object value) {
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }

  private static Optional<CloudAccount> find(List<CloudAccount> accounts, String name) {
    return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private static String secret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
