/**
 * Placement: for each workload, the provider, cluster and host it runs on, chosen by hard filters
 * then weighted preferences over the federation's cached inventory, with an explanation the user
 * sees before confirming. The engine ({@link eu.federa.placement.Placer}) is plain Java over an
 * inventory snapshot, so it is fast and testable without a container. Depends on {@code cloud}
 * (inventory) and the platform.
 */
@Capability(
    uses = {"audit", "cloud", "energy", "platform", "tenancy"},
    tables = {"measured_latency", "placement_claim"})
package eu.federa.placement;

import eu.federa.platform.Capability;
