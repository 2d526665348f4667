package eu.federa.cloud.registry;

import java.util.List;

/**
 * A provider with its health and clusters, for the provider page (its hosts a page at a time:
 * {@link ProviderRegistry#hosts}).
 */
public record ProviderDetail(
    Provider provider, ProviderStatus status, List<ProviderCluster> clusters) {}
