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

  /** The names in a comma-separated setting (BENCH_PAGES); empty when unset, meaning all. */
  static java.util.Set<String> names(String setting) {
    String v = System.getenv(setting);
    java.util.Set<String> chosen = new java.util.HashSet<>();
    if (v != null) {
      for (String n : v.split(",")) {
        if (!n.isBlank()) {
          chosen.add(n.strip());
        }
      }
    }
    return chosen;
  }

  /** Runs jcmd on the node's JVM (Flight Recorder for the profiles); fails with its output. */
  static void jcmd(BenchNode node, String... command) throws Exception {
    java.util.List<String> args = new java.util.ArrayList<>();
    args.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(Long.toString(node.wildfly.javaPid()));
    args.addAll(java.util.List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new StackException("jcmd " + String.join(" ", command) + " failed: " + out);
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
