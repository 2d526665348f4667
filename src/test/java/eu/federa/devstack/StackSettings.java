package eu.federa.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where things are and which ports they use. Every value comes from a system property, else an
 * environment variable, else a default relative to the project folder (the README lists them).
 */
public record StackSettings(
    Path serverDir,
    Path keycloakDir,
    Path warFile,
    Path workDir,
    Path secretsFile,
    Path realmDir,
    int httpPort,
    int managementPort,
    int keycloakPort,
    int databasePort,
    int simulatorBasePort,
    String externalDatabaseUrl,
    String externalProviderUrl) {

  public static StackSettings fromEnvironment(String defaultWorkDir) {
    return from(System.getenv(), defaultWorkDir);
  }

  static StackSettings from(Map<String, String> env, String defaultWorkDir) {
    return new StackSettings(
        path("federa.server.dir", env, null, "target/server"),
        path("federa.keycloak.dir", env, null, "target/keycloak"),
        path("federa.war", env, null, "target/federa.war"),
        path("federa.work.dir", env, null, defaultWorkDir),
        path("federa.secrets.file", env, null, "target/devstack/secrets.properties"),
        path("federa.realm.dir", env, null, "wildfly-config/keycloak"),
        port("federa.http.port", env, "FEDERA_HTTP_PORT", 8080),
        port("federa.management.port", env, "FEDERA_MANAGEMENT_PORT", 9990),
        port("federa.keycloak.port", env, "KEYCLOAK_PORT", 8180),
        port("federa.db.port", env, "DB_PORT", 0),
        port("federa.sim.base-port", env, "FEDERA_SIM_BASE_PORT", 26330),
        value("federa.db.url", env, "DB_URL", null),
        value("federa.oidc.provider-url", env, "OIDC_PROVIDER_URL", null));
  }

  /** The same settings for another WildFly node: its own folder and ports. */
  public StackSettings forNode(Path nodeWorkDir, int nodeHttpPort, int nodeManagementPort) {
    return new StackSettings(
        serverDir,
        keycloakDir,
        warFile,
        nodeWorkDir,
        secretsFile,
        realmDir,
        nodeHttpPort,
        nodeManagementPort,
        keycloakPort,
        databasePort,
        simulatorBasePort,
        externalDatabaseUrl,
        externalProviderUrl);
  }

  public String portalUrl() {
    return "http://127.0.0.1:" + httpPort + "/federa";
  }

  public String keycloakUrl() {
    return "http://127.0.0.1:" + keycloakPort;
  }

  public String providerUrl() {
    return externalProviderUrl != null ? externalProviderUrl : keycloakUrl() + "/realms/federa";
  }

  private static Path path(String property, Map<String, String> env, String variable, String def) {
    return Path.of(value(property, env, variable, def)).toAbsolutePath().normalize();
  }

  private static int port(String property, Map<String, String> env, String variable, int def) {
    String raw = value(property, env, variable, Integer.toString(def));
    try {
      int port = Integer.parseInt(raw.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new StackException(
          variable + "=" + raw + " is not a port number: give a number from 1 to 65535.");
    }
  }

  private static String value(
      String property, Map<String, String> env, String variable, String def) {
    String fromProperty = System.getProperty(property);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return fromProperty;
    }
    String fromEnv = variable == null ? null : env.get(variable);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : def;
  }
}
