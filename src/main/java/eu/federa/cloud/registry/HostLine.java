package eu.federa.cloud.registry;

import java.io.Serializable;

/**
 * One host of a provider as its page lists it, from the last inventory sync.
 *
 * @param firstGpu the device name of its first GPU (null without GPUs)
 * @param cpuUsePercent the share of its CPU in use over the last 24 hours, from its monitoring
 *     (null without history)
 * @param cpuUsePeakPercent the highest five minutes of those hours (null without history)
 * @param gpuUsePercent the share of its GPUs in use over the last 24 hours, from its VMs'
 *     monitoring (null without GPUs or without such figures)
 * @param gpuUsePeakPercent the highest five minutes of those hours (null as above)
 * @param idleWatts its own power model's idle watts (null: it draws its provider's)
 * @param fullWatts its own power model's fully busy watts (null likewise)
 * @param forecastPeakCpuPercent the highest CPU use its forecast does not rule out over the next 24
 *     hours (null until two days of history)
 */
public record HostLine(
    long id,
    String name,
    String clusterName,
    String stateName,
    double freeCores,
    double totalCores,
    long freeMemoryMib,
    long totalMemoryMib,
    int gpuFree,
    int gpuTotal,
    String firstGpu,
    int runningVms,
    Double cpuUsePercent,
    Double cpuUsePeakPercent,
    Double gpuUsePercent,
    Double gpuUsePeakPercent,
    Integer idleWatts,
    Integer fullWatts,
    Double forecastPeakCpuPercent)
    implements Serializable {

  /** Its state as a page names it: the last part of its {@code provider.hostState.} key. */
  public String stateWord() {
    return eu.federa.cloud.HostState.word(stateName);
  }

  static HostLine of(ProviderHost h, HostUtilisationHistory.Recent use, HostPowers.Power power) {
    return new HostLine(
        h.getId(),
        h.getName(),
        h.getClusterName(),
        h.getStateName(),
        h.getFreeCores(),
        h.getTotalCores(),
        h.getFreeMemoryMib(),
        h.getTotalMemoryMib(),
        h.getGpuFree(),
        h.getGpuTotal(),
        h.getGpus().isEmpty() ? null : h.getGpus().get(0).getDeviceName(),
        h.getRunningVms(),
        use == null ? null : use.cpuPercent(),
        use == null ? null : use.cpuPercentMax(),
        use == null ? null : use.gpuPercent(),
        use == null ? null : use.gpuPercentMax(),
        power == null ? null : power.idleWatts(),
        power == null ? null : power.fullWatts(),
        h.getForecastPeakCpuPercent());
  }
}
