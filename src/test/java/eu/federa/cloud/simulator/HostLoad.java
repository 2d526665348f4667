package eu.federa.cloud.simulator;

import java.util.SplittableRandom;

/**
 * A simulated host's utilisation over time, in percent, every five minutes: a level that drifts, a
 * working-day cycle (busy from morning to evening, quieter at night), quieter weekends, noise,
 * short bursts, and on GPU hosts jobs that hold the GPUs (and some CPU) for hours and then end. The
 * same seed gives the same series: a host's history is reproducible (issue #20).
 */
public final class HostLoad {

  /** Points an hour (one every five minutes). */
  public static final int POINTS_AN_HOUR = 12;

  private final long seed;
  private final boolean gpus;

  public HostLoad(long seed, boolean gpus) {
    this.seed = seed;
    this.gpus = gpus;
  }

  /** CPU and GPU utilisation (GPU all zero on a host without GPUs), {@code days} long. */
  public record Series(double[] cpuPercent, double[] gpuPercent) {}

  public Series days(int days) {
    SplittableRandom random = new SplittableRandom(seed);
    int points = days * 24 * POINTS_AN_HOUR;
    double[] cpu = new double[points];
    double[] gpu = new double[points];
    double level = 15 + random.nextDouble() * 30;
    double driftPerDay = (random.nextDouble() - 0.5) * 1.0;
    double workday = 10 + random.nextDouble() * 25;
    double weekendShare = 0.3 + random.nextDouble() * 0.5;
    double noise = 1.5 + random.nextDouble() * 3;
    // A slowly wandering offset (autocorrelated noise), besides the independent noise.
    double wander = 0;
    int burstLeft = 0;
    double burst = 0;
    int jobLeft = 0;
    double job = 0;
    for (int i = 0; i < points; i++) {
      double hour = (double) i / POINTS_AN_HOUR;
      int day = (int) (hour / 24);
      double hourOfDay = hour % 24;
      boolean weekend = day % 7 >= 5;
      // Busy from about 8:00 to 18:00 with a lunch dip, smooth edges.
      double shape =
          Math.max(0, Math.sin(Math.PI * (hourOfDay - 7) / 12))
              * (1 - 0.15 * bump(hourOfDay, 12.5));
      double cycle = workday * shape * (weekend ? weekendShare : 1);
      wander = 0.995 * wander + random.nextGaussian() * 0.3;
      if (burstLeft == 0 && random.nextDouble() < 1.0 / (200 * POINTS_AN_HOUR)) {
        burstLeft = POINTS_AN_HOUR * (1 + random.nextInt(3));
        burst = 15 + random.nextDouble() * 20;
      }
      double spike = burstLeft > 0 ? burst : 0;
      burstLeft = Math.max(0, burstLeft - 1);
      if (gpus) {
        if (jobLeft == 0 && random.nextDouble() < 1.0 / (30 * POINTS_AN_HOUR)) {
          jobLeft = POINTS_AN_HOUR * (4 + random.nextInt(27));
          job = 60 + random.nextDouble() * 35;
        }
        gpu[i] = clamp(jobLeft > 0 ? job + random.nextGaussian() * 3 : random.nextDouble() * 2);
      }
      double jobCpu = jobLeft > 0 ? 8 : 0;
      jobLeft = Math.max(0, jobLeft - 1);
      cpu[i] =
          clamp(
              level
                  + driftPerDay * hour / 24
                  + cycle
                  + wander
                  + spike
                  + jobCpu
                  + random.nextGaussian() * noise);
    }
    return new Series(cpu, gpu);
  }

  private static double bump(double x, double centre) {
    double d = x - centre;
    return Math.exp(-d * d);
  }

  private static double clamp(double percent) {
    return Math.max(0, Math.min(100, percent));
  }

  /**
   * The load laid on the calendar: four weeks of points from a Monday 00:00 UTC, repeated, so that
   * a host's weekends fall on weekends and the same time always reads the same value.
   */
  public Calendar calendar() {
    return new Calendar(days(28));
  }

  /** A host's load by time. */
  public static final class Calendar {

    /** Monday 5 January 1970, 00:00 UTC, in epoch seconds. */
    private static final long FIRST_MONDAY = 4 * 86_400L;

    private final Series series;

    Calendar(Series series) {
      this.series = series;
    }

    private int index(long epochSeconds) {
      long step = Math.floorDiv(epochSeconds - FIRST_MONDAY, 3600L / POINTS_AN_HOUR);
      return (int) Math.floorMod(step, (long) series.cpuPercent().length);
    }

    public double cpuPercentAt(long epochSeconds) {
      return series.cpuPercent()[index(epochSeconds)];
    }

    public double gpuPercentAt(long epochSeconds) {
      return series.gpuPercent()[index(epochSeconds)];
    }
  }
}
