package eu.federa.devstack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the bench programs share: settings from the environment, steps, the portal's settings. */
final class Bench {

  private Bench() {}

  /** A whole-number setting from the environment, or its default. */
  static int env(String name, int def) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? def : Integer.parseInt(v.strip());
  }

  static void step(String what) {
    System.out.println("==> " + what + "  (" + Instant.now() + ")");
  }

  /** Closes what a bench started, the last first; says what would not stop and goes on. */
  static void stopAll(java.util.Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("Could not stop: " + e);
      }
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A portal node's environment on the bench's database and Keycloak, with the stack's secrets:
   * plain HTTP on loopback, so cookies are not marked Secure.
   */
  static Map<String, String> portalEnv(
      String jdbcUrl, String dbPassword, Secrets secrets, String oidcProviderUrl) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DB_URL", jdbcUrl);
    env.put("DB_USER", EmbeddedMariaDb.USER);
    env.put("DB_PASSWORD", dbPassword);
    env.put("OIDC_CLIENT_SECRET", secrets.get(Secrets.PORTAL_CLIENT_SECRET));
    env.put("KEYCLOAK_ADMIN_CLIENT_SECRET", secrets.get(Secrets.KEYCLOAK_ADMIN_CLIENT_SECRET));
    env.put("OIDC_PROVIDER_URL", oidcProviderUrl);
    env.put("FEDERA_SECRET_KEYS", secrets.get(Secrets.SECRET_KEYS));
    env.put("FEDERA_RECORD_SIGNING_KEY", secrets.get(Secrets.RECORD_SIGNING_KEY));
    env.put("FEDERA_SECURE_COOKIES", "false");
    return env;
  }
}
