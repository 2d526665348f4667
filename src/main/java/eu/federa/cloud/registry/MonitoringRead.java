package eu.federa.cloud.registry;

import eu.federa.cloud.HostSample;
import eu.federa.cloud.VmMonitoring;
import java.util.List;

/**
 * The monitoring records one sync read of a provider: its hosts' ({@code one.hostpool.monitoring})
 * and its VMs' ({@code one.vmpool.monitoring}, the source of the GPU figures; null when the
 * provider did not give them).
 */
record MonitoringRead(List<HostSample> hosts, List<VmMonitoring> vms) {}
