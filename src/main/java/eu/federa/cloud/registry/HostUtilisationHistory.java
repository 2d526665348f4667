package eu.federa.cloud.registry;

import eu.federa.cloud.HostSample;
import eu.federa.platform.config.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each host's utilisation over time (issue #20), from the providers' monitoring records:
 * five-minute points (the mean of the records in them) kept {@link Setting#MONITORING_KEEP_DAYS}
 * days, rolled up into hourly points (mean and highest five minutes) kept a year. Written by the
 * inventory sync in the transaction that holds the provider's sync claim, so that each record is
 * taken in once on any number of nodes; the roll-up and the clean-up of a provider happen there
 * too.
 */
@ApplicationScoped
public class HostUtilisationHistory {

  static final Duration STEP = Duration.ofMinutes(5);
  static final Duration HOURLY_KEPT = Duration.ofDays(365);

  /** Rows a multi-row statement writes at most. */
  private static final int ROWS_A_STATEMENT = 500;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /** One hour of a host: its mean and highest five minutes, in percent. */
  public record HourPoint(
      int oneHostId, Instant hour, double cpuPercent, double cpuPercentMax, double memoryPercent) {}

  /** A five-minute point's running sums. */
  private record Sum(int hostId, Instant at, double cpu, double memory, int samples) {
    Sum plus(HostSample s) {
      return new Sum(hostId, at, cpu + s.cpuPercent(), memory + s.memoryPercent(), samples + 1);
    }
  }

  /**
   * Takes in the records newer than {@code since} (all when null), rolls the hours they touched up,
   * and forgets what is older than kept. Runs in the caller's transaction.
   *
   * @return the newest record's time, or {@code since} when none was newer
   */
  Instant store(long providerId, Instant since, List<HostSample> samples, Instant now) {
    Map<String, Sum> sums = new LinkedHashMap<>();
    Instant newest = since;
    for (HostSample s : samples) {
      if ((since != null && !s.at().isAfter(since))
          || Double.isNaN(s.cpuPercent())
          || Double.isNaN(s.memoryPercent())) {
        continue;
      }
      Instant at = floor(s.at(), STEP);
      sums.merge(
          s.hostId() + "@" + at,
          new Sum(s.hostId(), at, s.cpuPercent(), s.memoryPercent(), 1),
          (a, b) ->
              new Sum(a.hostId, a.at, a.cpu + b.cpu, a.memory + b.memory, a.samples + b.samples));
      if (newest == null || s.at().isAfter(newest)) {
        newest = s.at();
      }
    }
    List<Sum> rows = new ArrayList<>(sums.values());
    for (int from = 0; from < rows.size(); from += ROWS_A_STATEMENT) {
      upsertPoints(providerId, rows.subList(from, Math.min(rows.size(), from + ROWS_A_STATEMENT)));
    }
    TreeSet<Instant> hours = new TreeSet<>();
    rows.forEach(r -> hours.add(floor(r.at(), Duration.ofHours(1))));
    if (!hours.isEmpty()) {
      rollUp(providerId, hours.first(), hours.last().plus(Duration.ofHours(1)));
    }
    forget(providerId, now);
    return newest;
  }

  private void upsertPoints(long providerId, List<Sum> rows) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO host_utilisation (provider_id, one_host_id, at, cpu_percent_sum,"
                + " memory_percent_sum, samples) VALUES ");
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
    }
    sql.append(
        " ON DUPLICATE KEY UPDATE cpu_percent_sum = cpu_percent_sum + VALUES(cpu_percent_sum),"
            + " memory_percent_sum = memory_percent_sum + VALUES(memory_percent_sum),"
            + " samples = samples + VALUES(samples)");
    Query insert = em.createNativeQuery(sql.toString());
    int p = 1;
    for (Sum r : rows) {
      insert.setParameter(p++, providerId);
      insert.setParameter(p++, r.hostId());
      insert.setParameter(p++, utc(r.at()));
      insert.setParameter(p++, r.cpu());
      insert.setParameter(p++, r.memory());
      insert.setParameter(p++, r.samples());
    }
    insert.executeUpdate();
  }

  /**
   * Recomputes the hourly points of the hours from {@code from} to {@code to} from the five-minute
   * ones.
   */
  private void rollUp(long providerId, Instant from, Instant to) {
    @SuppressWarnings("unchecked")
    List<Object[]> points =
        em.createNativeQuery(
                "SELECT one_host_id, at, cpu_percent_sum, memory_percent_sum, samples"
                    + " FROM host_utilisation WHERE provider_id = ?1 AND at >= ?2 AND at < ?3")
            .setParameter(1, providerId)
            .setParameter(2, utc(from))
            .setParameter(3, utc(to))
            .getResultList();
    Map<String, double[]> hours = new LinkedHashMap<>();
    for (Object[] r : points) {
      int host = ((Number) r[0]).intValue();
      Instant hour = floor(instant(r[1]), Duration.ofHours(1));
      double samples = ((Number) r[4]).doubleValue();
      double cpu = ((Number) r[2]).doubleValue();
      double[] h =
          hours.computeIfAbsent(
              host + "@" + hour, k -> new double[] {host, hour.getEpochSecond(), 0, 0, 0, 0});
      h[2] += cpu;
      h[3] = Math.max(h[3], cpu / samples);
      h[4] += ((Number) r[3]).doubleValue();
      h[5] += samples;
    }
    List<double[]> rows = new ArrayList<>(hours.values());
    for (int from0 = 0; from0 < rows.size(); from0 += ROWS_A_STATEMENT) {
      List<double[]> chunk = rows.subList(from0, Math.min(rows.size(), from0 + ROWS_A_STATEMENT));
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO host_utilisation_hourly (provider_id, one_host_id, hour,"
                  + " cpu_percent_mean, cpu_percent_max, memory_percent_mean, samples) VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
      }
      sql.append(
          " ON DUPLICATE KEY UPDATE cpu_percent_mean = VALUES(cpu_percent_mean),"
              + " cpu_percent_max = VALUES(cpu_percent_max),"
              + " memory_percent_mean = VALUES(memory_percent_mean), samples = VALUES(samples)");
      Query insert = em.createNativeQuery(sql.toString());
      int p = 1;
      for (double[] h : chunk) {
        insert.setParameter(p++, providerId);
        insert.setParameter(p++, (int) h[0]);
        insert.setParameter(p++, utc(Instant.ofEpochSecond((long) h[1])));
        insert.setParameter(p++, h[2] / h[5]);
        insert.setParameter(p++, h[3]);
        insert.setParameter(p++, h[4] / h[5]);
        insert.setParameter(p++, (int) h[5]);
      }
      insert.executeUpdate();
    }
  }

  private void forget(long providerId, Instant now) {
    em.createNativeQuery("DELETE FROM host_utilisation WHERE provider_id = ?1 AND at < ?2")
        .setParameter(1, providerId)
        .setParameter(2, utc(now.minus(Duration.ofDays(Setting.MONITORING_KEEP_DAYS.intValue()))))
        .executeUpdate();
    em.createNativeQuery("DELETE FROM host_utilisation_hourly WHERE provider_id = ?1 AND hour < ?2")
        .setParameter(1, providerId)
        .setParameter(2, utc(now.minus(HOURLY_KEPT)))
        .executeUpdate();
  }

  /** A host's use over recent hours: the mean and the highest five minutes, in percent. */
  public record Recent(double cpuPercent, double cpuPercentMax) implements java.io.Serializable {}

  /**
   * The use of the hosts {@code oneHostIds} since {@code since}, by host; hosts without history are
   * left out.
   */
  Map<Integer, Recent> recent(long providerId, List<Integer> oneHostIds, Instant since) {
    Map<Integer, Recent> found = new java.util.HashMap<>();
    if (oneHostIds.isEmpty()) {
      return found;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT one_host_id, SUM(cpu_percent_mean * samples) / SUM(samples),"
                    + " MAX(cpu_percent_max) FROM host_utilisation_hourly"
                    + " WHERE provider_id = ?1 AND one_host_id IN (?2) AND hour >= ?3"
                    + " GROUP BY one_host_id")
            .setParameter(1, providerId)
            .setParameter(2, oneHostIds)
            .setParameter(3, utc(floor(since, Duration.ofHours(1))))
            .getResultList();
    for (Object[] r : rows) {
      found.put(
          ((Number) r[0]).intValue(),
          new Recent(((Number) r[1]).doubleValue(), ((Number) r[2]).doubleValue()));
    }
    return found;
  }

  /** A host's hourly points from {@code from} (included) to {@code to}, oldest first. */
  @Transactional
  public List<HourPoint> hourly(long providerId, int oneHostId, Instant from, Instant to) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT one_host_id, hour, cpu_percent_mean, cpu_percent_max, memory_percent_mean"
                    + " FROM host_utilisation_hourly WHERE provider_id = ?1 AND one_host_id = ?2"
                    + " AND hour >= ?3 AND hour < ?4 ORDER BY hour")
            .setParameter(1, providerId)
            .setParameter(2, oneHostId)
            .setParameter(3, utc(from))
            .setParameter(4, utc(to))
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new HourPoint(
                    ((Number) r[0]).intValue(),
                    instant(r[1]),
                    ((Number) r[2]).doubleValue(),
                    ((Number) r[3]).doubleValue(),
                    ((Number) r[4]).doubleValue()))
        .toList();
  }

  static Instant floor(Instant at, Duration step) {
    long seconds = step.getSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
  }

  private static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    return (Instant) value;
  }
}
