package eu.federa.cloud.registry;

import java.util.List;

/** A provider with its health and inventory, for the provider page. */
public record ProviderDetail(
    Provider provider,
    ProviderStatus status,
    List<ProviderCluster> clusters,
    List<ProviderHost> hosts) {}
