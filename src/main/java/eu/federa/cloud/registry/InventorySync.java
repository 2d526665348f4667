package eu.federa.cloud.registry;

import eu.federa.cloud.CloudApiException;
import eu.federa.cloud.CloudException;
import eu.federa.cloud.Cluster;
import eu.federa.cloud.Host;
import eu.federa.cloud.HostSample;
import eu.federa.cloud.PciDevice;
import eu.federa.cloud.VmMonitoring;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.config.Setting;
import eu.federa.platform.work.Ticker;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps every enabled provider's inventory and health in the database, so that pages and placement
 * never call a provider. Each node ticks every two seconds and syncs the providers it could claim;
 * a provider is synced every {@code FEDERA_SYNC_INTERVAL_SECONDS} (default 5).
 */
@ApplicationScoped
public class InventorySync {

  private static final Logger LOG = Logger.getLogger(InventorySync.class.getName());
  private static final Duration LEASE = Duration.ofSeconds(60);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject SyncWork work;
  @Inject ProviderClients clients;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);
  private final Duration interval = Duration.ofSeconds(intervalSeconds());

  /** Starts after the schema migration (which observes the same event with a lower priority). */
  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 500)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(scheduler, 2, 2, "Inventory sync tick", this::tick);
  }

  /**
   * Stops before the application's contexts go away (undeploy, shutdown, rolling restart): no new
   * tick starts, the tick in flight finishes its provider, and claims not synced yet are handed
   * back at once instead of waiting for their lease, so another node takes them.
   */
  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  void tick() {
    List<SyncWork.SyncClaim> claimed = work.claimDue(10, LEASE);
    for (int i = 0; i < claimed.size(); i++) {
      if (ticker.stopping()) {
        claimed.subList(i, claimed.size()).forEach(work::release);
        return;
      }
      sync(claimed.get(i));
    }
  }

  /**
   * Syncs a provider now (after an edit, "refresh", a test) and records the outcome; never throws
   * for a provider failure. Single-flight with the scheduled syncs of every node: while another
   * sync of the provider is in flight this waits for it to end, then syncs, so the caller sees the
   * provider as it is after the call began.
   */
  public void syncNow(long providerId) {
    long deadline = System.nanoTime() + LEASE.toNanos();
    while (true) {
      Optional<SyncWork.SyncClaim> claim = work.claim(providerId, LEASE);
      if (claim.isPresent()) {
        sync(claim.get());
        return;
      }
      if (work.connection(providerId) == null || System.nanoTime() > deadline) {
        return; // gone, or the other sync's lease will run out and a tick takes it
      }
      try {
        // A sync takes tens of milliseconds: look again soon (one indexed read per look).
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void sync(SyncWork.SyncClaim claim) {
    ProviderConnection connection = work.connection(claim.providerId());
    if (connection == null) {
      return;
    }
    OpenNebulaClient client = clients.clientFor(connection);
    try {
      long started = System.nanoTime();
      String version = client.version();
      Integer latencyMs = (int) ((System.nanoTime() - started) / 1_000_000);
      Instant readAt = clock.instant();
      List<Host> hosts = client.hostPool();
      List<Cluster> clusters = client.clusterPool();
      MonitoringRead monitoring = claim.readMonitoring() ? monitoring(client, claim, hosts) : null;
      work.recordSuccess(
          claim,
          version,
          new HostsRead(claim.providerId(), readAt),
          hosts,
          clusters,
          latencyMs,
          client.guard().circuit().name(),
          interval,
          monitoring);
    } catch (CloudException e) {
      work.recordFailure(claim, e, client.guard().circuit().name(), interval);
    }
  }

  /**
   * The hosts' and VMs' monitoring records since the newest taken in (the first time the last
   * {@link Setting#MONITORING_FIRST_READ_HOURS}, an hour by default: a provider keeps hours of
   * records every half-minute), with a minute more for the two clocks, at most the twelve hours
   * OpenNebula keeps by default (or the first read's hours, when a provider is set to keep more);
   * the records already taken in are left out when stored. The VMs' records are read only from a
   * provider with GPU hosts (they are where the GPU figures come from; a VM's records are many). A
   * provider that refuses a call (an older OpenNebula) leaves that part of the history as it is:
   * the inventory still syncs.
   */
  private MonitoringRead monitoring(
      OpenNebulaClient client, SyncWork.SyncClaim claim, List<Host> inventory) {
    long first = 3600L * Setting.MONITORING_FIRST_READ_HOURS.intValue();
    long since =
        claim.monitoringSince() == null
            ? first
            : Duration.between(claim.monitoringSince(), clock.instant()).getSeconds() + 60;
    int seconds = (int) Math.max(60, Math.min(Math.max(MONITORING_KEPT_SECONDS, first), since));
    List<HostSample> hosts;
    try {
      hosts = client.hostPoolMonitoring(seconds);
    } catch (CloudApiException e) {
      LOG.info(
          () ->
              "Provider "
                  + claim.providerId()
                  + " did not give its host monitoring: "
                  + e.getMessage());
      return new MonitoringRead(List.of(), null);
    }
    if (inventory.stream().noneMatch(h -> h.pciDevices().stream().anyMatch(PciDevice::isGpu))) {
      return new MonitoringRead(hosts, null);
    }
    List<VmMonitoring> vms;
    try {
      vms = client.vmPoolMonitoring(seconds);
    } catch (CloudApiException e) {
      LOG.info(
          () ->
              "Provider "
                  + claim.providerId()
                  + " did not give its VM monitoring: "
                  + e.getMessage());
      vms = null;
    }
    return new MonitoringRead(hosts, vms);
  }

  private static final long MONITORING_KEPT_SECONDS = 12 * 3600;

  private static long intervalSeconds() {
    return Setting.SYNC_INTERVAL_SECONDS.intValue();
  }
}
