package eu.federa.cloud.registry;

import eu.federa.cloud.CloudException;
import eu.federa.cloud.Cluster;
import eu.federa.cloud.Host;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.Secrets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/** The database side of the inventory sync, in short transactions around the provider calls. */
@ApplicationScoped
public class SyncWork {

  private static final Logger LOG = Logger.getLogger(SyncWork.class.getName());

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject Secrets secrets;
  @Inject Event<HostsRead> hostsRead;
  @Inject HostUtilisationHistory history;
  @Inject HostForecasts forecasts;

  /**
   * A sync of one provider in flight: only its holder's outcome is recorded.
   *
   * @param readMonitoring whether this sync also reads the hosts' monitoring (issue #20)
   * @param monitoringSince the newest monitoring record taken in before; null before the first
   */
  public record SyncClaim(
      long providerId, String token, boolean readMonitoring, Instant monitoringSince) {

    static SyncClaim of(ProviderStatus status, String token, Instant now) {
      return new SyncClaim(
          status.getProviderId(), token, status.monitoringDue(now), status.getMonitoringUntil());
    }
  }

  /**
   * Claims providers whose sync is due and not in flight: locks their status rows with SKIP LOCKED
   * (another node's claims are skipped, not waited for), names this sync as the holder until {@code
   * lease} ends and moves their next sync out by as much, so that no other node takes them
   * meanwhile, even if this one dies.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<SyncClaim> claimDue(int max, Duration lease) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> due =
        em.createNativeQuery(
                "SELECT s.provider_id FROM provider_status s"
                    + " WHERE s.next_sync_at <= ?1"
                    + " AND (s.sync_claim_until IS NULL OR s.sync_claim_until <= ?1)"
                    + " AND s.provider_id IN (SELECT p.id FROM provider p WHERE p.enabled)"
                    + " ORDER BY s.next_sync_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    List<SyncClaim> claims = new ArrayList<>();
    for (Number id : due) {
      ProviderStatus status = em.find(ProviderStatus.class, id.longValue());
      String token = UUID.randomUUID().toString();
      if (status != null && status.claim(token, now, now.plus(lease))) {
        status.syncAgainAt(now.plus(lease));
        claims.add(SyncClaim.of(status, token, now));
      }
    }
    return claims;
  }

  /**
   * Claims one provider's sync now (an on-demand refresh), waiting for the row's lock but not for a
   * sync in flight: empty when another sync holds a live claim, or the provider is gone.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<SyncClaim> claim(long providerId, Duration lease) {
    Instant now = clock.instant();
    ProviderStatus status =
        em.find(ProviderStatus.class, providerId, LockModeType.PESSIMISTIC_WRITE);
    String token = UUID.randomUUID().toString();
    if (status == null || !status.claim(token, now, now.plus(lease))) {
      return Optional.empty();
    }
    return Optional.of(SyncClaim.of(status, token, now));
  }

  /** Hands a claim back unused (the node is stopping): the provider is due again at once. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void release(SyncClaim claim) {
    ProviderStatus status = heldStatus(claim);
    if (status != null) {
      status.release();
      status.syncAgainAt(clock.instant());
    }
  }

  /**
   * The provider's status row, locked, if {@code claim} still holds its sync; null otherwise (the
   * lease ran out and another sync took over: this one's outcome is older and is dropped).
   */
  private ProviderStatus heldStatus(SyncClaim claim) {
    ProviderStatus status =
        em.find(ProviderStatus.class, claim.providerId(), LockModeType.PESSIMISTIC_WRITE);
    if (status == null || !status.heldBy(claim.token())) {
      LOG.info(
          () ->
              "Dropped the outcome of a sync of provider "
                  + claim.providerId()
                  + " whose claim was taken over");
      return null;
    }
    return status;
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

  /**
   * Stores what the provider reported: hosts and clusters updated, vanished ones removed; observers
   * of {@link HostsRead} act in the same transaction (placement lets go of the claims the new
   * numbers hold).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordSuccess(
      SyncClaim claim,
      String version,
      HostsRead read,
      List<Host> hosts,
      List<Cluster> clusters,
      Integer latencyMs,
      String circuit,
      Duration interval,
      MonitoringRead monitoring) {
    // Lock first, read after: the status row serialises every write of this provider's inventory.
    ProviderStatus status = heldStatus(claim);
    if (status == null) {
      return;
    }
    long providerId = claim.providerId();
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
    em.flush();
    hostsRead.fire(read);
    if (monitoring != null) {
      status.monitoringRead(
          history.store(
              providerId,
              status.getMonitoringUntil(),
              monitoring.hosts(),
              hosts,
              monitoring.vms(),
              now),
          now.plusSeconds(Setting.MONITORING_INTERVAL_SECONDS.intValue()));
    }
    if (status.forecastDue(now)) {
      // Refitted from the history under the same claim: once per interval on any number of nodes.
      forecasts.refresh(providerId, now);
      status.forecastMade(now.plusSeconds(Setting.FORECAST_INTERVAL_SECONDS.intValue()));
    }

    status.succeeded(now, version, latencyMs, circuit);
    status.release();
    status.syncAgainAt(now.plus(interval));
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordFailure(
      SyncClaim claim, CloudException failure, String circuit, Duration interval) {
    ProviderStatus status = heldStatus(claim);
    if (status != null) {
      Instant now = clock.instant();
      status.failed(now, ProviderError.of(failure), String.valueOf(failure.getMessage()), circuit);
      status.release();
      status.syncAgainAt(now.plus(interval));
    }
  }
}
