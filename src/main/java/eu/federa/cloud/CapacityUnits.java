package eu.federa.cloud;

/** OpenNebula counts CPU in percent of a core and memory in KiB; Federa shows cores and MiB. */
public final class CapacityUnits {

  private CapacityUnits() {}

  public static double cores(long cpuPercent) {
    return cpuPercent / 100.0;
  }

  public static double freeCores(long maxCpuPercent, long allocatedCpuPercent) {
    return Math.max(0, maxCpuPercent - allocatedCpuPercent) / 100.0;
  }

  public static long mib(long kib) {
    return kib / 1024;
  }

  public static long freeMib(long maxKib, long allocatedKib) {
    return Math.max(0, maxKib - allocatedKib) / 1024;
  }
}
