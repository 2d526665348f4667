package eu.federa.cloud.registry;

import eu.federa.cloud.opennebula.CallGuard;
import eu.federa.cloud.opennebula.Endpoint;
import eu.federa.cloud.opennebula.OpenNebulaClient;
import eu.federa.platform.config.Setting;
import eu.federa.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client (and so one rate limit and circuit breaker) per provider on this node, rebuilt when
 * the provider's settings change. Connection plumbing, like a pool: not business state. Every call
 * is measured ({@code federa_provider_calls_seconds} by provider, method and outcome) and each
 * provider's breaker is shown ({@code federa_provider_circuit}: 0 closed, 1 open, 2 half-open).
 */
@ApplicationScoped
public class ProviderClients {

  private record Cached(long version, OpenNebulaClient client) {}

  private final Map<Long, Cached> clients = new ConcurrentHashMap<>();
  private final Map<String, Cached> agents = new ConcurrentHashMap<>();
  private final Map<Long, AtomicReference<CallGuard>> breakers = new ConcurrentHashMap<>();

  @Inject Meters meters;

  OpenNebulaClient clientFor(ProviderConnection connection) {
    OpenNebulaClient client =
        cached(
            clients,
            connection.providerId(),
            connection,
            connection.username(),
            connection.secret());
    breakers
        .computeIfAbsent(
            connection.providerId(),
            id -> {
              AtomicReference<CallGuard> breaker = new AtomicReference<>();
              return meters.gauge(
                  "federa.provider.circuit",
                  breaker,
                  g -> g.get() == null ? 0 : g.get().circuit().ordinal(),
                  "provider",
                  Long.toString(id));
            })
        .set(client.guard());
    return client;
  }

  /**
   * A client acting as another user of the provider (a tenant's agent user), so that what it
   * creates is owned by that user and counted in its group's quota.
   */
  OpenNebulaClient clientAs(ProviderConnection connection, String username, String secret) {
    return cached(agents, connection.providerId() + "/" + username, connection, username, secret);
  }

  /** The cached client of {@code key}, rebuilt when the provider's settings changed. */
  private <K> OpenNebulaClient cached(
      Map<K, Cached> cache, K key, ProviderConnection connection, String username, String secret) {
    return cache
        .compute(
            key,
            (k, existing) ->
                existing != null && existing.version() == connection.version()
                    ? existing
                    : new Cached(connection.version(), measured(connection, username, secret)))
        .client();
  }

  private OpenNebulaClient measured(ProviderConnection connection, String username, String secret) {
    OpenNebulaClient client =
        OpenNebulaClient.create(
            new Endpoint(URI.create(connection.endpointUrl()), username, secret),
            CallGuard.Settings.defaults()
                .openFor(
                    java.time.Duration.ofSeconds(
                        Setting.PROVIDER_CIRCUIT_OPEN_SECONDS.intValue())));
    String provider = Long.toString(connection.providerId());
    client
        .guard()
        .observe(
            (method, took, outcome) ->
                meters.time(
                    "federa.provider.calls",
                    took,
                    "provider",
                    provider,
                    "method",
                    method,
                    "outcome",
                    outcome.name().toLowerCase(java.util.Locale.ROOT)));
    return client;
  }
}
