package eu.federa.devstack;

import eu.federa.cloud.simulator.OpenNebulaSimulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** What integration tests need to know of the running stack (set by the listener). */
public final class TestStack {

  /** The tests' mail server: SMTP here, IMAP on the next port (DemoMailServer). */
  public static final int MAIL_SMTP_PORT = 27425;

  /** The port Arquillian's WildFly meets other nodes of its cluster on. */
  public static final int CLUSTER_PORT = 27600;

  /** The cluster Arquillian's WildFly is the first node of (ClusterBrowserIT adds a second). */
  public static final String CLUSTER_NAME = "federa-it";

  /** The port the second node of Arquillian's cluster listens on, when one runs. */
  public static final int SECOND_NODE_CLUSTER_PORT = 27610;

  private static volatile StackSettings settings;
  private static volatile Secrets secrets;
  private static volatile EmbeddedMariaDb db;
  private static volatile DemoFederation federation;

  private TestStack() {}

  private static volatile java.util.concurrent.Future<?> keycloakStarting;

  /** Keycloak starting beside the rest of the stack (IntegrationStackListener). */
  static void keycloakStarting(java.util.concurrent.Future<?> starting) {
    keycloakStarting = starting;
  }

  /**
   * Waits until Keycloak answers, or throws why it did not start. Keycloak starts beside the
   * database and WildFly (about a minute on two cores, most of it its own build); the first
   * deployment waits for it here, before any test signs in.
   */
  public static void awaitKeycloak() {
    java.util.concurrent.Future<?> starting = keycloakStarting;
    if (starting == null) {
      return;
    }
    try {
      starting.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("Interrupted while Keycloak was starting", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof StackException stack
          ? stack
          : new StackException("Keycloak did not start: " + e.getCause(), e.getCause());
    }
  }

  static void publish(StackSettings s, Secrets sec, EmbeddedMariaDb database, DemoFederation demo) {
    settings = s;
    secrets = sec;
    db = database;
    federation = demo;
  }

  /** How long a life-cycle step takes at the tests' demo providers (the demo: 2 s). */
  static final java.time.Duration TEST_STEP = java.time.Duration.ofMillis(250);

  /** How long a model takes to load at the tests' demo providers (the demo: 3 s). */
  static final java.time.Duration TEST_WARM_UP = java.time.Duration.ofMillis(500);

  /**
   * The demo providers at the demo's own pace until closed (a VM takes seconds to boot, stop or
   * move), for a test that must act while a VM is still on its way.
   */
  public static DemoPace atDemoPace() {
    federation.pace(DemoFederation.DEMO_STEP, DemoFederation.DEMO_WARM_UP);
    return () -> federation.pace(TEST_STEP, TEST_WARM_UP);
  }

  /** The demo's pace, until closed. */
  public interface DemoPace extends AutoCloseable {
    @Override
    void close();
  }

  /** The simulated providers the portal under test imported, in DemoFederation.SITES order. */
  public static List<OpenNebulaSimulator> simulators() {
    return federation.simulators();
  }

  public static String portalUrl() {
    return settings().portalUrl();
  }

  public static String keycloakUrl() {
    return settings().keycloakUrl();
  }

  /** Arquillian's WildFly's HTTP port. */
  public static int portalHttpPort() {
    return settings().httpPort();
  }

  /** Arquillian's WildFly's management port. */
  public static int portalManagementPort() {
    return settings().managementPort();
  }

  public static String managementUrl() {
    return "http://127.0.0.1:" + settings().managementPort();
  }

  /** The password of the simulated providers' oneadmin, to act behind the portal's back. */
  public static String simulatorPassword() {
    return secrets.get(Secrets.SIMULATOR_PASSWORD);
  }

  public static String demoPassword() {
    return secrets.get(Secrets.DEMO_PASSWORD);
  }

  /**
   * The secret of the realm's federa-admin client (a client of the realm that is not the portal).
   */
  public static String adminClientSecret() {
    return secrets.get(Secrets.KEYCLOAK_ADMIN_CLIENT_SECRET);
  }

  /** The password of Keycloak's bootstrap admin (realm master), to act as a partner's admin. */
  public static String keycloakAdminPassword() {
    return secrets.get(Secrets.KEYCLOAK_ADMIN_PASSWORD);
  }

  /** A connection to the portal's database, for test data a journey cannot make (time passing). */
  public static Connection database() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), EmbeddedMariaDb.USER, db.password());
  }

  public static String jdbcUrl() {
    return db.jdbcUrl();
  }

  /** The stack's settings for another WildFly node, in its own folder under the tests' one. */
  public static StackSettings nodeSettings(String name, int httpPort, int managementPort) {
    return settings().forNode(settings().workDir().resolve(name), httpPort, managementPort);
  }

  /**
   * The system properties Arquillian's WildFly runs the portal with (database, Keycloak, the
   * simulated federation, mail, secrets): for another node of the same portal.
   */
  public static List<String> portalProperties() {
    return java.util.Arrays.stream(
            System.getProperty("arq.container.wildfly.configuration.javaVmArguments", "")
                .split("\\s+"))
        .filter(a -> a.startsWith("-D"))
        .toList();
  }

  private static StackSettings settings() {
    if (settings == null) {
      throw new IllegalStateException(
          "The test stack is not running: run integration tests through failsafe (mvn verify)");
    }
    return settings;
  }
}
