package eu.federa.ai;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON provider of the gateway's hot path, looked up once: {@code jakarta.json.Json}'s static
 * methods look the provider up on every call (a service-loader scan of the deployment's jars, under
 * their locks), which costs more than the parsing itself at thousands of calls a second.
 */
public final class GatewayJson {

  public static final JsonProvider PROVIDER = JsonProvider.provider();

  private GatewayJson() {}
}
