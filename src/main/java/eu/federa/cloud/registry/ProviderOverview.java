package eu.federa.cloud.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One row of the federation's provider list, with health and free capacity (kept in pages' view
 * state: Serializable).
 */
public record ProviderOverview(
    long id,
    String name,
    String countryCode,
    String city,
    boolean edgeSite,
    boolean enabled,
    List<String> certifications,
    boolean reachable,
    String apiVersion,
    Instant lastSyncAt,
    String lastError,
    ProviderError lastErrorKind,
    Integer latencyMs,
    String circuit,
    long hosts,
    double freeCores,
    long freeMemoryMib,
    long freeGpus,
    long totalGpus)
    implements Serializable {

  public String certificationsText() {
    return String.join(", ", certifications);
  }

  /** available, unavailable, disabled or pending (never synchronised yet). */
  public String health() {
    if (!enabled) {
      return "disabled";
    }
    if (reachable) {
      return "available";
    }
    return lastError == null ? "pending" : "unavailable";
  }
}
