package eu.federa.cloud.registry;

import eu.federa.cloud.Host;
import eu.federa.cloud.HostSample;
import eu.federa.cloud.PciDevice;
import eu.federa.cloud.VmMonitoring;
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
import java.util.Collections;
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

  /**
   * A five-minute point's running sums: {@code gpu} over {@code gpuSamples} is the mean over all
   * the host's GPUs, {@code heldUse} over {@code held} the mean over the GPUs VMs held.
   */
  private record Sum(
      int hostId,
      Instant at,
      double cpu,
      double memory,
      int samples,
      double gpu,
      int gpuSamples,
      double heldUse,
      int held) {
    Sum plus(Sum other) {
      return new Sum(
          hostId,
          at,
          cpu + other.cpu,
          memory + other.memory,
          samples + other.samples,
          gpu + other.gpu,
          gpuSamples + other.gpuSamples,
          heldUse + other.heldUse,
          held + other.held);
    }

    Sum withGpu(GpuUse use) {
      return new Sum(hostId, at, cpu, memory, samples, use.percent(), 1, use.heldUse(), use.held());
    }
  }

  /**
   * A GPU host's GPUs over five minutes.
   *
   * @param percent the mean over all its GPUs (a free one, or one whose VM did not report, counts
   *     nothing)
   * @param heldUse the sum of the use of the GPUs held by a VM that reported
   * @param held how many GPUs that sum has
   */
  record GpuUse(double percent, double heldUse, int held) {}

  /**
   * Takes in the records newer than {@code since} (all when null), with the GPU hosts' GPU
   * utilisation derived from their VMs' records ({@link #gpuPercent}; {@code vmRecords} null when
   * the provider did not give them: no GPU figures are kept then), rolls the hours they touched up,
   * and forgets what is older than kept. Runs in the caller's transaction.
   *
   * @return the newest record's time, or {@code since} when none was newer
   */
  Instant store(
      long providerId,
      Instant since,
      List<HostSample> samples,
      List<Host> hosts,
      List<VmMonitoring> vmRecords,
      Instant now) {
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
          new Sum(s.hostId(), at, s.cpuPercent(), s.memoryPercent(), 1, 0, 0, 0, 0),
          Sum::plus);
      if (newest == null || s.at().isAfter(newest)) {
        newest = s.at();
      }
    }
    if (vmRecords != null) {
      // Only five minutes that have the host's own records: a point is never GPU figures alone.
      gpuPercent(hosts, vmRecords, since)
          .forEach((key, use) -> sums.computeIfPresent(key, (k, sum) -> sum.withGpu(use)));
    }
    List<Sum> rows = new ArrayList<>(sums.values());
    upsertPoints(providerId, rows);
    TreeSet<Instant> hours = new TreeSet<>();
    rows.forEach(r -> hours.add(floor(r.at(), Duration.ofHours(1))));
    if (!hours.isEmpty()) {
      rollUp(providerId, hours.first(), hours.last().plus(Duration.ofHours(1)));
    }
    forget(providerId, now);
    return newest;
  }

  private void upsertPoints(long providerId, List<Sum> rows) {
    List<Object[]> values = new ArrayList<>();
    for (Sum r : rows) {
      values.add(
          new Object[] {
            providerId,
            r.hostId(),
            utc(r.at()),
            r.cpu(),
            r.memory(),
            r.samples(),
            r.gpu(),
            r.gpuSamples(),
            r.heldUse(),
            r.held()
          });
    }
    upsert(
        em,
        "INSERT INTO host_utilisation (provider_id, one_host_id, at, cpu_percent_sum,"
            + " memory_percent_sum, samples, gpu_percent_sum, gpu_samples, gpu_held_use_sum,"
            + " gpu_held_count)",
        "cpu_percent_sum = cpu_percent_sum + VALUES(cpu_percent_sum),"
            + " memory_percent_sum = memory_percent_sum + VALUES(memory_percent_sum),"
            + " samples = samples + VALUES(samples),"
            + " gpu_percent_sum = gpu_percent_sum + VALUES(gpu_percent_sum),"
            + " gpu_samples = gpu_samples + VALUES(gpu_samples),"
            + " gpu_held_use_sum = gpu_held_use_sum + VALUES(gpu_held_use_sum),"
            + " gpu_held_count = gpu_held_count + VALUES(gpu_held_count)",
        values,
        ROWS_A_STATEMENT);
  }

  /**
   * Writes {@code rows} (each its columns' values in {@code head}'s order) with {@link #multiRow}
   * statements of at most {@code perStatement} rows.
   */
  static void upsert(
      EntityManager em, String head, String onDuplicate, List<Object[]> rows, int perStatement) {
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + perStatement));
      int columns = batch.get(0).length;
      Query insert = em.createNativeQuery(multiRow(head, columns, batch.size(), onDuplicate));
      int p = 1;
      for (Object[] row : batch) {
        for (Object value : row) {
          insert.setParameter(p++, value);
        }
      }
      insert.executeUpdate();
    }
  }

  /**
   * {@code head VALUES (?, ...), ... ON DUPLICATE KEY UPDATE onDuplicate} for {@code rows} rows.
   */
  private static String multiRow(String head, int columns, int rows, String onDuplicate) {
    String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
    return head
        + " VALUES "
        + String.join(", ", Collections.nCopies(rows, row))
        + " ON DUPLICATE KEY UPDATE "
        + onDuplicate;
  }

  /**
   * Recomputes the hourly points of the hours from {@code from} to {@code to} from the five-minute
   * ones.
   */
  private void rollUp(long providerId, Instant from, Instant to) {
    @SuppressWarnings("unchecked")
    List<Object[]> points =
        em.createNativeQuery(
                "SELECT one_host_id, at, cpu_percent_sum, memory_percent_sum, samples,"
                    + " gpu_percent_sum, gpu_samples, gpu_held_use_sum, gpu_held_count"
                    + " FROM host_utilisation WHERE provider_id = ?1 AND at >= ?2 AND at < ?3")
            .setParameter(1, providerId)
            .setParameter(2, utc(from))
            .setParameter(3, utc(to))
            .getResultList();
    Map<String, Hour> hours = new LinkedHashMap<>();
    for (Object[] r : points) {
      Sum point =
          new Sum(
              ((Number) r[0]).intValue(),
              floor(instant(r[1]), Duration.ofHours(1)),
              ((Number) r[2]).doubleValue(),
              ((Number) r[3]).doubleValue(),
              ((Number) r[4]).intValue(),
              ((Number) r[5]).doubleValue(),
              ((Number) r[6]).intValue(),
              ((Number) r[7]).doubleValue(),
              ((Number) r[8]).intValue());
      hours.merge(point.hostId() + "@" + point.at(), Hour.of(point), Hour::plus);
    }
    List<Object[]> rows = new ArrayList<>();
    for (Hour h : hours.values()) {
      Sum sum = h.sum();
      rows.add(
          new Object[] {
            providerId,
            sum.hostId(),
            utc(sum.at()),
            sum.cpu() / sum.samples(),
            h.cpuMax(),
            sum.memory() / sum.samples(),
            sum.samples(),
            sum.gpuSamples() == 0 ? null : sum.gpu() / sum.gpuSamples(),
            sum.gpuSamples() == 0 ? null : h.gpuMax(),
            sum.heldUse(),
            sum.held()
          });
    }
    upsert(
        em,
        "INSERT INTO host_utilisation_hourly (provider_id, one_host_id, hour, cpu_percent_mean,"
            + " cpu_percent_max, memory_percent_mean, samples, gpu_percent_mean, gpu_percent_max,"
            + " gpu_held_use_sum, gpu_held_count)",
        "cpu_percent_mean = VALUES(cpu_percent_mean),"
            + " cpu_percent_max = VALUES(cpu_percent_max),"
            + " memory_percent_mean = VALUES(memory_percent_mean),"
            + " samples = VALUES(samples),"
            + " gpu_percent_mean = VALUES(gpu_percent_mean),"
            + " gpu_percent_max = VALUES(gpu_percent_max),"
            + " gpu_held_use_sum = VALUES(gpu_held_use_sum),"
            + " gpu_held_count = VALUES(gpu_held_count)",
        rows,
        ROWS_A_STATEMENT);
  }

  /** An hour's running sums, and the means of its busiest five minutes. */
  private record Hour(Sum sum, double cpuMax, double gpuMax) {
    static Hour of(Sum point) {
      return new Hour(
          point,
          point.cpu() / point.samples(),
          point.gpuSamples() == 0 ? 0 : point.gpu() / point.gpuSamples());
    }

    Hour plus(Hour other) {
      return new Hour(
          sum.plus(other.sum), Math.max(cpuMax, other.cpuMax), Math.max(gpuMax, other.gpuMax));
    }
  }

  /**
   * Each GPU host's GPU utilisation in each five minutes its provider's VMs reported in (after
   * {@code since}), keyed {@code hostId@start}: every GPU of the host counts its VM's mean {@code
   * GPU_UTILIZATION} over those five minutes (OpenNebula reports a VM's mean over the GPUs it
   * holds), a free GPU or one whose VM did not report counts nothing. Which VM holds which GPU is
   * the host's PCI list as read now: a VM moved within the read is counted on its new host.
   */
  static Map<String, GpuUse> gpuPercent(
      List<Host> hosts, List<VmMonitoring> vmRecords, Instant since) {
    TreeSet<Instant> reported = new TreeSet<>();
    Map<Integer, Map<Instant, double[]>> byVm = new java.util.HashMap<>();
    for (VmMonitoring r : vmRecords) {
      if (r.timestamp() == null || (since != null && !r.timestamp().isAfter(since))) {
        continue;
      }
      Instant at = floor(r.timestamp(), STEP);
      reported.add(at);
      if (!Double.isNaN(r.gpuPercent())) {
        double[] sumAndCount =
            byVm.computeIfAbsent(r.vmId(), id -> new java.util.HashMap<>())
                .computeIfAbsent(at, a -> new double[2]);
        sumAndCount[0] += Math.max(0, Math.min(100, r.gpuPercent()));
        sumAndCount[1]++;
      }
    }
    Map<String, GpuUse> percent = new LinkedHashMap<>();
    for (Host host : hosts) {
      List<PciDevice> gpus = host.pciDevices().stream().filter(PciDevice::isGpu).toList();
      if (gpus.isEmpty()) {
        continue;
      }
      for (Instant at : reported) {
        double sum = 0;
        int held = 0;
        for (PciDevice gpu : gpus) {
          double[] vm = gpu.isFree() ? null : byVm.getOrDefault(gpu.vmId(), Map.of()).get(at);
          if (vm != null) {
            sum += vm[0] / vm[1];
            held++;
          }
        }
        percent.put(host.id() + "@" + at, new GpuUse(sum / gpus.size(), sum, held));
      }
    }
    return percent;
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

  /**
   * A host's use over recent hours: the mean and the highest five minutes, in percent; the GPU
   * figures null when none were reported (no GPUs, or a provider that does not report them), the
   * held GPUs' mean ({@code heldGpuPercent}: over the GPUs VMs held, each read counted) also when
   * no GPU was held.
   */
  public record Recent(
      double cpuPercent,
      double cpuPercentMax,
      Double gpuPercent,
      Double gpuPercentMax,
      Double heldGpuPercent)
      implements java.io.Serializable {}

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
                    + " MAX(cpu_percent_max), AVG(gpu_percent_mean), MAX(gpu_percent_max),"
                    + " SUM(gpu_held_use_sum) / NULLIF(SUM(gpu_held_count), 0)"
                    + " FROM host_utilisation_hourly"
                    + " WHERE provider_id = ?1 AND one_host_id IN (?2) AND hour >= ?3"
                    + " GROUP BY one_host_id")
            .setParameter(1, providerId)
            .setParameter(2, oneHostIds)
            .setParameter(3, utc(floor(since, Duration.ofHours(1))))
            .getResultList();
    for (Object[] r : rows) {
      found.put(
          ((Number) r[0]).intValue(),
          new Recent(
              ((Number) r[1]).doubleValue(),
              ((Number) r[2]).doubleValue(),
              r[3] == null ? null : ((Number) r[3]).doubleValue(),
              r[4] == null ? null : ((Number) r[4]).doubleValue(),
              r[5] == null ? null : ((Number) r[5]).doubleValue()));
    }
    return found;
  }

  /**
   * A provider's use over a span.
   *
   * @param cpuPercent its hosts' mean CPU use, null without history
   * @param heldGpuPercent the mean use of the GPUs VMs held (each held GPU's five minutes counted
   *     once), null when none was held and reported
   */
  public record ProviderUse(Double cpuPercent, Double heldGpuPercent) {}

  /** Each provider's use over its hosts' hours from {@code from} to {@code to}. */
  Map<Long, ProviderUse> providerMeans(
      java.util.Collection<Long> providerIds, Instant from, Instant to) {
    Map<Long, ProviderUse> found = new java.util.HashMap<>();
    if (providerIds.isEmpty()) {
      return found;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT provider_id, SUM(cpu_percent_mean * samples) / SUM(samples),"
                    + " SUM(gpu_held_use_sum) / NULLIF(SUM(gpu_held_count), 0)"
                    + " FROM host_utilisation_hourly WHERE provider_id IN (?1)"
                    + " AND hour >= ?2 AND hour < ?3 GROUP BY provider_id")
            .setParameter(1, providerIds)
            .setParameter(2, utc(from))
            .setParameter(3, utc(to))
            .getResultList();
    for (Object[] r : rows) {
      found.put(
          ((Number) r[0]).longValue(),
          new ProviderUse(
              r[1] == null ? null : ((Number) r[1]).doubleValue(),
              r[2] == null ? null : ((Number) r[2]).doubleValue()));
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

  static LocalDateTime utc(Instant at) {
    return LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
  }

  static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    return (Instant) value;
  }
}
