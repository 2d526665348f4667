package eu.federa.cloud.registry;

import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client (and so one rate limit and circuit breaker) per provider on this node, rebuilt when
 * the provider's settings change. Connection plumbing, like a pool: not business state.
 */
@ApplicationScoped
public class ProviderClients {

  private record Cached(long version, OpenNebulaClient client) {}

  private final Map<Long, Cached> clients = new ConcurrentHashMap<>();
  private final Map<String, Cached> agents = new ConcurrentHashMap<>();

  OpenNebulaClient clientFor(ProviderConnection connection) {
    return cached(
        clients, connection.providerId(), connection, connection.username(), connection.secret());
  }

  /**
   * A client acting as another user of the provider (a tenant's agent user), so that what it
   * creates is owned by that user and counted in its group's quota.
   */
  OpenNebulaClient clientAs(ProviderConnection connection, String username, String secret) {
    return cached(agents, connection.providerId() + "/" + username, connection, username, secret);
  }

  /** The cached client of {@code key}, rebuilt when the provider's settings changed. */
  private static <K> OpenNebulaClient cached(
      Map<K, Cached> cache, K key, ProviderConnection connection, String username, String secret) {
    return cache
        .compute(
            key,
            (k, existing) ->
                existing != null && existing.version() == connection.version()
                    ? existing
                    : new Cached(
                        connection.version(),
                        OpenNebulaClient.create(
                            new Endpoint(URI.create(connection.endpointUrl()), username, secret))))
        .client();
  }
}
