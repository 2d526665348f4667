package eu.federa.provisioning;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Asks whoever carries moves between providers (the {@code moves} capability observes this event)
 * how many moves each tenant's VMs started since an instant, so that automatic rebalancing's hourly
 * limits count them beside the moves between hosts.
 */
public final class MovesStartedSince {

  private final Instant since;
  private final Map<Long, Integer> byTenant = new HashMap<>();

  public MovesStartedSince(Instant since) {
    this.since = since;
  }

  public Instant since() {
    return since;
  }

  /** Adds {@code count} moves started by the tenant's VMs since {@link #since()}. */
  public void add(long tenantId, int count) {
    byTenant.merge(tenantId, count, Integer::sum);
  }

  /** The moves counted, per tenant. */
  public Map<Long, Integer> byTenant() {
    return Map.copyOf(byTenant);
  }
}
