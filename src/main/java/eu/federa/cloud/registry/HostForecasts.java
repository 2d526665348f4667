package eu.federa.cloud.registry;

import eu.federa.forecast.HoltWinters;
import eu.federa.forecast.SeasonalFit;
import eu.federa.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each host's CPU utilisation forecast for the next 24 hours (issue #20), made by the inventory
 * sync holding the provider's claim (so once per interval on any number of nodes), kept hour by
 * hour with its 95 % interval, and its highest upper bound on the host, where placement reads it.
 * Incremental: each host's fitted model is kept ({@code host_forecast_model}) and takes in the
 * hours since it was last used; once a day (the first refresh of a UTC day) it is fitted anew from
 * up to three weeks of history: from two weeks on with a day and a week as seasons (or a day alone
 * where that forecast better, {@link SeasonalFit#hourly}); from two days a day only; less, no
 * forecast.
 */
@ApplicationScoped
public class HostForecasts {

  /** Hours forecast. */
  public static final int HORIZON = 24;

  /** The 95 % prediction interval. */
  static final double Z = 1.96;

  /**
   * History read for a fit: three weeks (scored against two and four on the simulator's hosts and a
   * public trace, docs/performance.md: two gave the weekly season too little to learn from).
   */
  public static final Duration HISTORY = Duration.ofDays(21);

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;

  /**
   * The forecast of the next {@link #HORIZON} hours from a host's hourly means (oldest first, in
   * percent), bounded to 0-100; null when the history is too short for a seasonal fit.
   */
  public static HoltWinters.Forecast forecast(double[] hourly) {
    HoltWinters model = SeasonalFit.hourly(hourly);
    return model == null ? null : forecast(model);
  }

  /** The model's forecast of the next {@link #HORIZON} hours, bounded to 0-100. */
  static HoltWinters.Forecast forecast(HoltWinters model) {
    HoltWinters.Forecast f = model.forecast(HORIZON, Z);
    double[] points = f.points();
    double[] lower = f.lower();
    double[] upper = f.upper();
    for (int i = 0; i < points.length; i++) {
      points[i] = bounded(points[i]);
      lower[i] = bounded(lower[i]);
      upper[i] = bounded(upper[i]);
    }
    return new HoltWinters.Forecast(points, lower, upper);
  }

  private static double bounded(double percent) {
    return Math.max(0, Math.min(100, percent));
  }

  /**
   * The series of whole hours from the first point to the hour before {@code end}, a missing hour
   * taking the one before it (monitoring can skip an hour when a provider did not answer).
   */
  static double[] series(List<Instant> hours, List<Double> values, Instant end) {
    if (hours.isEmpty()) {
      return new double[0];
    }
    Instant first = hours.get(0);
    int length = (int) Duration.between(first, end).toHours();
    if (length <= 0) {
      return new double[0];
    }
    double[] series = new double[length];
    int at = 0;
    double last = values.get(0);
    for (int i = 0; i < length; i++) {
      Instant hour = first.plus(Duration.ofHours(i));
      while (at < hours.size() && hours.get(at).isBefore(hour)) {
        at++;
      }
      if (at < hours.size() && hours.get(at).equals(hour)) {
        last = values.get(at);
      }
      series[i] = last;
    }
    return series;
  }

  /** A host's kept model: when it was fitted, the first hour it has not taken in. */
  private record Kept(Instant fittedAt, Instant throughHour, HoltWinters model) {}

  /**
   * Makes the forecasts of the provider's hosts from their history up to the last whole hour before
   * {@code now}, replacing the kept ones: a host whose model was fitted today takes in the hours
   * since, the others are fitted anew (and a model that cannot be read, or whose hours have a gap
   * before the new ones). Runs in the caller's transaction (the sync's, which holds the provider's
   * status row).
   *
   * @return how many hosts have a forecast now
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int refresh(long providerId, Instant now) {
    Instant end = HostUtilisationHistory.floor(now, Duration.ofHours(1));
    Instant today = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    Map<Integer, Kept> models = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> modelRows =
        em.createNativeQuery(
                "SELECT one_host_id, fitted_at, through_hour, model FROM host_forecast_model"
                    + " WHERE provider_id = ?1")
            .setParameter(1, providerId)
            .getResultList();
    for (Object[] r : modelRows) {
      Instant fittedAt = HostUtilisationHistory.instant(r[1]);
      Instant through = HostUtilisationHistory.instant(r[2]);
      if (fittedAt.isBefore(today) || through.isAfter(end)) {
        continue;
      }
      try {
        models.put(
            ((Number) r[0]).intValue(),
            new Kept(fittedAt, through, HoltWinters.decode((byte[]) r[3])));
      } catch (IllegalArgumentException unreadable) {
        // fitted anew below
      }
    }
    List<ProviderHost> hosts =
        em.createQuery("select h from ProviderHost h where h.providerId = :id", ProviderHost.class)
            .setParameter("id", providerId)
            .getResultList();
    // The hours each kept model has not taken in (from the hour before them: a gap is carried
    // over as the series fills it), and three weeks for the others.
    Instant earliest = end;
    for (Kept k : models.values()) {
      earliest =
          k.throughHour().minus(Duration.ofHours(1)).isBefore(earliest)
              ? k.throughHour().minus(Duration.ofHours(1))
              : earliest;
    }
    Map<Integer, List<Instant>> recentHours = new HashMap<>();
    Map<Integer, List<Double>> recentValues = new HashMap<>();
    if (!models.isEmpty()) {
      hourly(providerId, List.copyOf(models.keySet()), earliest, end, recentHours, recentValues);
    }
    List<Integer> toFit =
        hosts.stream()
            .map(ProviderHost::getOneHostId)
            .filter(id -> !models.containsKey(id))
            .toList();
    Map<Integer, List<Instant>> hours = new HashMap<>();
    Map<Integer, List<Double>> values = new HashMap<>();
    if (!toFit.isEmpty()) {
      hourly(providerId, toFit, end.minus(HISTORY), end, hours, values);
    }
    em.createNativeQuery("DELETE FROM host_forecast WHERE provider_id = ?1")
        .setParameter(1, providerId)
        .executeUpdate();
    em.createNativeQuery("DELETE FROM host_forecast_model WHERE provider_id = ?1")
        .setParameter(1, providerId)
        .executeUpdate();
    List<Object[]> kept = new ArrayList<>();
    List<Object[]> keptModels = new ArrayList<>();
    int forecast = 0;
    for (ProviderHost host : hosts) {
      int id = host.getOneHostId();
      Kept k = models.get(id);
      HoltWinters model = k == null ? null : takeIn(k, recentHours, recentValues, id, end);
      Instant fittedAt = k == null ? now : k.fittedAt();
      if (model == null) {
        if (k != null) {
          // The kept model could not take the hours in: fitted anew from the history.
          hourly(providerId, List.of(id), end.minus(HISTORY), end, hours, values);
          fittedAt = now;
        }
        model =
            hours.containsKey(id)
                ? SeasonalFit.hourly(series(hours.get(id), values.get(id), end))
                : null;
      }
      HoltWinters.Forecast f = model == null ? null : forecast(model);
      host.forecast(f == null ? null : f.peakUpper(), now);
      if (f != null) {
        forecast++;
        keptModels.add(
            new Object[] {
              providerId,
              id,
              HostUtilisationHistory.utc(fittedAt),
              HostUtilisationHistory.utc(end),
              model.encode()
            });
        for (int h = 0; h < f.horizon(); h++) {
          kept.add(
              new Object[] {
                providerId,
                id,
                HostUtilisationHistory.utc(end.plus(Duration.ofHours(h))),
                f.points()[h],
                f.lower()[h],
                f.upper()[h]
              });
        }
      }
    }
    // Models are about 1.6 kB each: fewer of them a statement.
    HostUtilisationHistory.upsert(
        em,
        "INSERT INTO host_forecast_model (provider_id, one_host_id, fitted_at, through_hour, model)",
        "model = VALUES(model)",
        keptModels,
        200);
    HostUtilisationHistory.upsert(
        em,
        "INSERT INTO host_forecast (provider_id, one_host_id, hour, cpu_percent, cpu_low,"
            + " cpu_high)",
        "cpu_percent = VALUES(cpu_percent), cpu_low = VALUES(cpu_low),"
            + " cpu_high = VALUES(cpu_high)",
        kept,
        500);
    return forecast;
  }

  /**
   * The kept model having taken in its host's hours from its first missing one to {@code end} (a
   * missing hour taking the one before); null when the hour before them is not in the history (the
   * model is then fitted anew).
   */
  private static HoltWinters takeIn(
      Kept k,
      Map<Integer, List<Instant>> hours,
      Map<Integer, List<Double>> values,
      int id,
      Instant end) {
    if (!k.throughHour().isBefore(end)) {
      return k.model();
    }
    List<Instant> h = hours.get(id);
    Instant before = k.throughHour().minus(Duration.ofHours(1));
    if (h == null || !h.get(0).equals(before)) {
      return null;
    }
    double[] series = series(h, values.get(id), end);
    for (int i = 1; i < series.length; i++) {
      k.model().update(series[i]);
    }
    return k.model();
  }

  /** The hosts' hourly means from {@code from} to {@code end}, oldest first, into the maps. */
  private void hourly(
      long providerId,
      List<Integer> oneHostIds,
      Instant from,
      Instant end,
      Map<Integer, List<Instant>> hours,
      Map<Integer, List<Double>> values) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT one_host_id, hour, cpu_percent_mean FROM host_utilisation_hourly"
                    + " WHERE provider_id = ?1 AND one_host_id IN (?2) AND hour >= ?3 AND hour < ?4"
                    + " ORDER BY one_host_id, hour")
            .setParameter(1, providerId)
            .setParameter(2, oneHostIds)
            .setParameter(3, HostUtilisationHistory.utc(from))
            .setParameter(4, HostUtilisationHistory.utc(end))
            .getResultList();
    for (Object[] r : rows) {
      int host = ((Number) r[0]).intValue();
      hours.computeIfAbsent(host, x -> new ArrayList<>()).add(HostUtilisationHistory.instant(r[1]));
      values.computeIfAbsent(host, x -> new ArrayList<>()).add(((Number) r[2]).doubleValue());
    }
  }

  /** One hour of a host's forecast, in percent. */
  public record HourForecast(Instant hour, double cpuPercent, double low, double high)
      implements java.io.Serializable {}

  /**
   * The provider's forecast, hour by hour: its forecast hosts' hours weighted by their cores (the
   * bounds summed the same way, as if the hosts rose and fell together: a cautious interval).
   * Platform admins; empty when no host has a forecast.
   */
  @Transactional
  public List<HourForecast> ofProvider(long providerId) {
    caller.requirePlatformAdmin();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT f.hour, SUM(f.cpu_percent * h.max_cpu_percent) / SUM(h.max_cpu_percent),"
                    + " SUM(f.cpu_low * h.max_cpu_percent) / SUM(h.max_cpu_percent),"
                    + " SUM(f.cpu_high * h.max_cpu_percent) / SUM(h.max_cpu_percent)"
                    + " FROM host_forecast f JOIN provider_host h ON h.provider_id = f.provider_id"
                    + " AND h.one_host_id = f.one_host_id WHERE f.provider_id = ?1"
                    + " AND h.max_cpu_percent > 0 GROUP BY f.hour ORDER BY f.hour")
            .setParameter(1, providerId)
            .getResultList();
    return hours(rows);
  }

  /** The provider's host's kept forecast, hour by hour (platform admins; empty: none). */
  @Transactional
  public List<HourForecast> of(long providerId, int oneHostId) {
    caller.requirePlatformAdmin();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT hour, cpu_percent, cpu_low, cpu_high FROM host_forecast"
                    + " WHERE provider_id = ?1 AND one_host_id = ?2 ORDER BY hour")
            .setParameter(1, providerId)
            .setParameter(2, oneHostId)
            .getResultList();
    return hours(rows);
  }

  /** Rows of hour, forecast, lower and upper bound as hours of forecast. */
  private static List<HourForecast> hours(List<Object[]> rows) {
    return rows.stream()
        .map(
            r ->
                new HourForecast(
                    HostUtilisationHistory.instant(r[0]),
                    ((Number) r[1]).doubleValue(),
                    ((Number) r[2]).doubleValue(),
                    ((Number) r[3]).doubleValue()))
        .toList();
  }
}
