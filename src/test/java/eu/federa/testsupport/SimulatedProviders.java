package eu.federa.testsupport;

import eu.federa.cloud.registry.ProviderForm;
import eu.federa.cloud.registry.ProviderRegistry;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Registers a front-end as a provider of the federation (Lyon, FR), as an operator would. */
public final class SimulatedProviders {

  private SimulatedProviders() {}

  /** The caller must be a platform admin; the simulator's oneadmin password is {@code secret}. */
  public static long register(
      ProviderRegistry registry, OpenNebulaSimulator simulator, String prefix, String secret) {
    return register(registry, simulator.endpoint(), "oneadmin", prefix, secret);
  }

  /** Any front-end (a simulator or a real one) as a provider in Lyon, through the same form. */
  public static long register(
      ProviderRegistry registry, URI endpoint, String user, String prefix, String secret) {
    return register(registry, endpoint, user, prefix, secret, null);
  }

  /** As above, offering public addresses from its network {@code publicNetwork} (null: none). */
  public static long register(
      ProviderRegistry registry,
      URI endpoint,
      String user,
      String prefix,
      String secret,
      String publicNetwork) {
    return register(registry, endpoint, user, prefix, secret, publicNetwork, "FR");
  }

  /** As above, in {@code country} (its data centre's, for residency). */
  public static long register(
      ProviderRegistry registry,
      URI endpoint,
      String user,
      String prefix,
      String secret,
      String publicNetwork,
      String country) {
    return registry.register(
        new ProviderForm(
            prefix + " " + UUID.randomUUID().toString().substring(0, 8),
            "IT Cloud SAS",
            country,
            "Lyon",
            new BigDecimal("45.76"),
            new BigDecimal("4.83"),
            "France",
            List.of("ISO 27001"),
            endpoint.toString(),
            user,
            secret,
            true,
            false,
            null,
            publicNetwork,
            null));
  }
}
