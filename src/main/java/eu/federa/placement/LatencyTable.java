package eu.federa.placement;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.audit.Changes;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's measured round trips, uploaded as CSV lines {@code site,providerId,milliseconds}
 * (a header line is allowed). An upload replaces the whole table, or, if any line is wrong, changes
 * nothing.
 */
@ApplicationScoped
public class LatencyTable {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject ProviderDirectory providers;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** One measured round trip. */
  public record Measurement(String site, long providerId, BigDecimal rttMs) {}

  /**
   * @return how many measurements the table holds now
   * @throws InvalidInputException naming every bad line; the table is unchanged
   */
  @Transactional
  public int replace(String csv) {
    caller.requirePlatformAdmin();
    List<Measurement> parsed = parse(csv, knownProviders());
    long before =
        ((Number) em.createNativeQuery("SELECT COUNT(*) FROM measured_latency").getSingleResult())
            .longValue();
    em.createNativeQuery("DELETE FROM measured_latency").executeUpdate();
    for (Measurement m : parsed) {
      em.createNativeQuery(
              "INSERT INTO measured_latency (site_name, provider_id, rtt_ms, uploaded_at)"
                  + " VALUES (?1, ?2, ?3, ?4)")
          .setParameter(1, m.site())
          .setParameter(2, m.providerId())
          .setParameter(3, m.rttMs())
          .setParameter(4, clock.instant())
          .executeUpdate();
    }
    audit.success(
        AuditAction.LATENCY_TABLE_CHANGED,
        null,
        AuditTarget.Word.MEASURED_LATENCIES.text(),
        Changes.field("measurements", before, parsed.size())
            + "; "
            + Changes.value(
                "sites", parsed.stream().map(Measurement::site).distinct().sorted().toList()));
    return parsed.size();
  }

  /** Checks every line; the providers named must exist. */
  static List<Measurement> parse(String csv, Set<Long> providers) {
    List<FieldError> errors = new ArrayList<>();
    List<Measurement> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String[] lines = csv == null ? new String[0] : csv.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      int number = i + 1;
      if (line.isEmpty() || (i == 0 && line.toLowerCase().startsWith("site"))) {
        continue;
      }
      String[] cells = line.split(",");
      if (cells.length != 3) {
        errors.add(FieldError.of("file", "latency.error.columns", number));
        continue;
      }
      String site = cells[0].trim();
      try {
        long providerId = Long.parseLong(cells[1].trim());
        BigDecimal ms = new BigDecimal(cells[2].trim());
        if (site.isEmpty() || site.length() > 100) {
          errors.add(FieldError.of("file", "latency.error.site", number));
        } else if (!providers.contains(providerId)) {
          errors.add(
              FieldError.of("file", "latency.error.provider", number, String.valueOf(providerId)));
        } else if (ms.signum() <= 0 || ms.compareTo(new BigDecimal("10000")) > 0) {
          errors.add(FieldError.of("file", "latency.error.value", number));
        } else if (!seen.add(site + "\u0000" + providerId)) {
          errors.add(FieldError.of("file", "latency.error.duplicate", number));
        } else {
          result.add(new Measurement(site, providerId, ms));
        }
      } catch (NumberFormatException e) {
        errors.add(FieldError.of("file", "latency.error.number", number));
      }
    }
    if (result.isEmpty() && errors.isEmpty()) {
      errors.add(FieldError.of("file", "latency.error.empty"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return result;
  }

  /** Site → provider → milliseconds, for the latency model. */
  @Transactional
  public Map<String, Map<Long, Double>> measurements() {
    Map<String, Map<Long, Double>> table = new HashMap<>();
    List<Row> rows =
        Row.all(
            em.createNativeQuery("SELECT site_name, provider_id, rtt_ms FROM measured_latency"));
    for (Row row : rows) {
      table.computeIfAbsent(row.str(0), s -> new HashMap<>()).put(row.lng(1), row.dbl(2));
    }
    return table;
  }

  /** All measurements, for the page. */
  @Transactional
  public List<Measurement> list() {
    caller.requirePlatformAdmin();
    List<Measurement> all = new ArrayList<>();
    measurements()
        .forEach(
            (site, byProvider) ->
                byProvider.forEach(
                    (provider, ms) ->
                        all.add(new Measurement(site, provider, BigDecimal.valueOf(ms)))));
    all.sort(Comparator.comparing(Measurement::site).thenComparingLong(Measurement::providerId));
    return all;
  }

  private Set<Long> knownProviders() {
    return new HashSet<>(providers.ids());
  }
}
