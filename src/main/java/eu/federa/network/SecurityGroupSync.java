package eu.federa.network;

import eu.federa.cloud.registry.TenantNetworks;
import eu.federa.cloud.registry.TenantNetworks.OutdatedCopy;
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
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Brings the providers' copies of the tenants' firewalls up to date, on any node: each copy that is
 * behind (or has not been written for an hour, in case it was changed at the provider) is claimed
 * from the database with SKIP LOCKED and leased for longer than one provider call may take (three
 * tries of ten seconds), then written.
 */
@ApplicationScoped
public class SecurityGroupSync {

  private static final Logger LOG = Logger.getLogger(SecurityGroupSync.class.getName());

  /** Longer than a provider call with its retries; a claim of a dead node is free after it. */
  static final Duration LEASE = Duration.ofMinutes(2);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject TenantNetworks networks;
  @Inject SecurityGroups groups;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 660)
          @Initialized(ApplicationScoped.class)
          Object event) {
    ticker.every(
        scheduler,
        Duration.ofSeconds(5),
        Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue()),
        "Firewall sync",
        this::tick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  /** Applies what is due now; the number of copies written or refused. */
  public int tick() {
    List<OutdatedCopy> due = networks.claimOutdated(10, LEASE);
    for (OutdatedCopy copy : due) {
      networks.apply(copy, groups.atProviders(copy.tenantId()));
    }
    return due.size();
  }
}
