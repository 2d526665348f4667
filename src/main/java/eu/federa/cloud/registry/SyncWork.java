package eu.federa.cloud.registry;

import eu.federa.cloud.Cluster;
import eu.federa.cloud.Host;
import eu.federa.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The database side of the inventory sync, in short transactions around the provider calls. */
@ApplicationScoped
public class SyncWork {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject Secrets secrets;

  /**
   * Claims providers whose sync is due: locks their status rows with SKIP LOCKED (another node's
   * claims are skipped, not waited for) and moves their next sync out by {@code lease}, so that no
   * other node takes them meanwhile, even if this one dies.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> claimDue(int max, Duration lease) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> due =
        em.createNativeQuery(
                "SELECT s.provider_id FROM provider_status s"
                    + " WHERE s.next_sync_at <= ?1"
                    + " AND s.provider_id IN (SELECT p.id FROM provider p WHERE p.enabled)"
                    + " ORDER BY s.next_sync_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    List<Long> ids = due.stream().map(Number::longValue).toList();
    if (!ids.isEmpty()) {
      em.createQuery("update ProviderStatus s set s.nextSyncAt = :next where s.providerId in :ids")
          .setParameter("next", now.plus(lease))
          .setParameter("ids", ids)
          .executeUpdate();
    }
    return ids;
  }

  /** Makes a provider due now (after an edit, or for "refresh"). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void dueNow(long providerId) {
    ProviderStatus status = em.find(ProviderStatus.class, providerId);
    if (status != null) {
      status.syncAgainAt(clock.instant());
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public ProviderConnection connection(long providerId) {
    Provider p = em.find(Provider.class, providerId);
    return p == null
        ? null
        : new ProviderConnection(
            p.getId(),
            p.getVersion(),
            p.getEndpointUrl(),
            p.getApiUsername(),
            secrets.seal().open(p.sealedSecret()));
  }

  /** Stores what the provider reported: hosts and clusters updated, vanished ones removed. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordSuccess(
      long providerId,
      String version,
      List<Host> hosts,
      List<Cluster> clusters,
      Integer latencyMs,
      String circuit,
      Duration interval) {
    Instant now = clock.instant();
    Map<Integer, ProviderHost> known = new HashMap<>();
    em.createQuery(
            "select h from ProviderHost h left join fetch h.gpus where h.providerId = :id",
            ProviderHost.class)
        .setParameter("id", providerId)
        .getResultList()
        .forEach(h -> known.put(h.getOneHostId(), h));
    for (Host host : hosts) {
      ProviderHost row = known.remove(host.id());
      if (row == null) {
        row = new ProviderHost(providerId, host.id());
        row.update(host, now);
        em.persist(row);
      } else {
        row.update(host, now);
      }
    }
    known.values().forEach(em::remove);

    Map<Integer, ProviderCluster> knownClusters = new HashMap<>();
    em.createQuery(
            "select c from ProviderCluster c where c.providerId = :id", ProviderCluster.class)
        .setParameter("id", providerId)
        .getResultList()
        .forEach(c -> knownClusters.put(c.getOneClusterId(), c));
    for (Cluster cluster : clusters) {
      ProviderCluster row = knownClusters.remove(cluster.id());
      if (row == null) {
        row = new ProviderCluster(providerId, cluster.id());
        row.update(cluster.name(), cluster.hostIds().size());
        em.persist(row);
      } else {
        row.update(cluster.name(), cluster.hostIds().size());
      }
    }
    knownClusters.values().forEach(em::remove);

    ProviderStatus status = em.find(ProviderStatus.class, providerId);
    if (status != null) {
      status.succeeded(now, version, latencyMs, circuit);
      status.syncAgainAt(now.plus(interval));
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordFailure(long providerId, String error, String circuit, Duration interval) {
    ProviderStatus status = em.find(ProviderStatus.class, providerId);
    if (status != null) {
      Instant now = clock.instant();
      status.failed(now, error, circuit);
      status.syncAgainAt(now.plus(interval));
    }
  }
}
