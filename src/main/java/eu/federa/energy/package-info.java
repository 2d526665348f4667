/**
 * Energy and CO₂e of workloads (issue #20): each country's grid carbon intensity (a yearly average,
 * updatable by platform admins), power models of hosts and GPUs, and the arithmetic that turns a
 * VM's share of its host into watts, kWh and kg CO₂e per month, the provider's PUE included. The
 * arithmetic ({@link eu.federa.energy.Footprint}) is plain Java, testable without a container.
 */
@Capability(
    uses = {"audit", "cloud", "platform"},
    tables = {"grid_intensity"})
package eu.federa.energy;

import eu.federa.platform.Capability;
