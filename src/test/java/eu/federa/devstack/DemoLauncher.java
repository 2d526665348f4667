package eu.federa.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./federa demo}: starts MariaDB, Keycloak and WildFly with the portal, prints where to go
 * and how to log in, and stops everything, in reverse order, on Ctrl+C.
 */
public final class DemoLauncher {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public static void main(String[] args) {
    DemoLauncher launcher = new DemoLauncher();
    Runtime.getRuntime().addShutdownHook(new Thread(launcher::stopAll, "federa-demo-stop"));
    try {
      launcher.run(
          StackSettings.fromEnvironment("target/devstack"),
          java.util.Arrays.asList(args).contains("--scale"));
    } catch (StackException e) {
      System.err.println();
      System.err.println("Federa demo could not start: " + e.getMessage());
      System.exit(1);
    }
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * @param scale give Acme the size of issue #19's "fast at scale" once the portal runs (1,000
   *     ended VMs, 50 projects, 200 members, 100,000 usage intervals, 20,000 audit events)
   */
  private void run(StackSettings settings, boolean scale) {
    Secrets secrets = Secrets.loadOrCreate(settings.secretsFile());
    writePid(settings.workDir());
    // Check every fixed port first: a taken port fails in a second, not after a minute of starting.
    Ports.requireFree(settings.httpPort(), "the portal, WildFly HTTP", "FEDERA_HTTP_PORT");
    Ports.requireFree(settings.managementPort(), "WildFly management", "FEDERA_MANAGEMENT_PORT");

    Map<String, String> portalEnv = new LinkedHashMap<>();
    if (settings.externalDatabaseUrl() != null) {
      String user = System.getenv().getOrDefault("DB_USER", EmbeddedMariaDb.USER);
      String password = System.getenv().getOrDefault("DB_PASSWORD", "");
      step("Checking MariaDB at " + settings.externalDatabaseUrl());
      EmbeddedMariaDb.requireReachable(settings.externalDatabaseUrl(), user, password);
      portalEnv.put("DB_URL", settings.externalDatabaseUrl());
    } else {
      step("Starting the embedded MariaDB");
      EmbeddedMariaDb db =
          EmbeddedMariaDb.start(
              settings.workDir().resolve("mariadb/data"),
              settings.databasePort(),
              secrets.get(Secrets.DATABASE_PASSWORD),
              false);
      started.push(db);
      portalEnv.put("DB_URL", db.jdbcUrl());
      portalEnv.put("DB_USER", EmbeddedMariaDb.USER);
      portalEnv.put("DB_PASSWORD", db.password());
    }

    if (settings.externalProviderUrl() != null) {
      step("Checking Keycloak at " + settings.externalProviderUrl());
      KeycloakServer.requireReachable(settings.externalProviderUrl());
    } else {
      step(
          "Starting Keycloak on port "
              + settings.keycloakPort()
              + " (first start: about a minute)");
      started.push(KeycloakServer.start(settings, secrets));
      portalEnv.put("OIDC_CLIENT_SECRET", secrets.get(Secrets.PORTAL_CLIENT_SECRET));
      portalEnv.put(
          "KEYCLOAK_ADMIN_CLIENT_SECRET", secrets.get(Secrets.KEYCLOAK_ADMIN_CLIENT_SECRET));
    }
    portalEnv.put("OIDC_PROVIDER_URL", settings.providerUrl());
    portalEnv.put(
        "FEDERA_SECRET_KEYS",
        System.getenv().getOrDefault("FEDERA_SECRET_KEYS", secrets.get(Secrets.SECRET_KEYS)));
    portalEnv.put(
        "FEDERA_RECORD_SIGNING_KEY",
        System.getenv()
            .getOrDefault("FEDERA_RECORD_SIGNING_KEY", secrets.get(Secrets.RECORD_SIGNING_KEY)));
    // The demo serves plain HTTP on 127.0.0.1: a Secure session cookie would not come back.
    portalEnv.putIfAbsent(
        "FEDERA_SECURE_COOKIES", System.getenv().getOrDefault("FEDERA_SECURE_COOKIES", "false"));

    step(
        "Starting the demo federation: "
            + DemoFederation.SITES.size()
            + " simulated OpenNebula providers");
    DemoFederation federation =
        DemoFederation.start(settings.simulatorBasePort(), secrets.get(Secrets.SIMULATOR_PASSWORD));
    started.push(federation);
    // Three days of each host's monitoring at the first reading: forecasts (and the placement that
    // weighs them) from the demo's first minute, not after two days of running.
    federation.simulators().forEach(s -> s.keepMonitoring(java.time.Duration.ofHours(73)));
    portalEnv.put("FEDERA_MONITORING_FIRST_READ_HOURS", "72");
    Path importFile =
        federation.writeImportFile(
            settings.workDir().resolve("demo-federation.json"),
            secrets.get(Secrets.SIMULATOR_PASSWORD));
    portalEnv.put("FEDERA_DEMO_FEDERATION", importFile.toString());
    // The simulated providers serve their inference VMs' model servers (SimAppliances).
    portalEnv.put("FEDERA_AI_REPLICA_URL", DemoFederation.REPLICA_URL);
    portalEnv.put("FEDERA_AI_NOTEBOOK_URL", DemoFederation.NOTEBOOK_URL);
    portalEnv.put(
        "FEDERA_DEMO_TENANTS",
        DemoTenants.writeImportFile(settings.workDir().resolve("demo-tenants.json")).toString());

    step("Starting the demo's mail server (SMTP and IMAP on loopback)");
    DemoMailServer mail = DemoMailServer.start(settings.simulatorBasePort() + MAIL_PORT_OFFSET);
    started.push(mail);
    mail.portalEnvironment().forEach(portalEnv::putIfAbsent);

    step("Starting WildFly with the portal");
    long t0 = System.nanoTime();
    WildFlyServer wildfly = WildFlyServer.start(settings, portalEnv);
    started.push(wildfly);
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    if (scale) {
      scaleAcme(portalEnv);
    }
    printBanner(settings, secrets, wildfly, seconds, mail);
  }

  private static void scaleAcme(Map<String, String> portalEnv) {
    String url = portalEnv.get("DB_URL");
    String user = portalEnv.getOrDefault("DB_USER", System.getenv("DB_USER"));
    String password = portalEnv.getOrDefault("DB_PASSWORD", System.getenv("DB_PASSWORD"));
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(url, user, password);
        java.sql.Statement s = db.createStatement()) {
      long acme = ScaleTenant.acme(s);
      if (ScaleTenant.filled(s, acme)) {
        step("Acme Analytics has the scale data already");
        return;
      }
      step(
          "Giving Acme Analytics 1,000 ended VMs, 50 projects, 200 members, 100,000 usage"
              + " intervals and 20,000 audit events");
      ScaleTenant.fill(s, acme);
    } catch (Exception e) {
      throw new StackException("Could not give Acme the scale data: " + e.getMessage(), e);
    }
  }

  /** The demo's mail server listens this far above the simulators' first port (SMTP, then IMAP). */
  static final int MAIL_PORT_OFFSET = 95;

  private static void printBanner(
      StackSettings settings,
      Secrets secrets,
      WildFlyServer wildfly,
      long bootSeconds,
      DemoMailServer mail) {
    String password = secrets.get(Secrets.DEMO_PASSWORD);
    System.out.printf(
        """

        ================================================================================
          Federa is running (WildFly boot + deploy: %d s)

            Portal:   %s/
            Health:   http://127.0.0.1:%d/health/ready
            Metrics:  http://127.0.0.1:%d/metrics  (Prometheus)
            API:      http://127.0.0.1:%d/openapi  (OpenAPI; ?format=JSON)

          Demo logins (password for all: %s)
            olivia   platform admin
            theo     administrator of Acme Analytics (group rule)
            mia      member of Acme Analytics (e-mail domain rule)
            lena     administrator of Borealis Systems (e-mail domain rule)
            pat, sam partner organisation Nordlicht Research, no tenant yet:
                     choose "Nordlicht Research" on the login page; pat can request onboarding
                     and invite sam (messages appear under Team > Sent messages)

          Federation: 6 simulated providers (FR, DE, PL, PT, FI, IT) on ports %d-%d;
            olivia sees them under Administration > Providers.

          Mail: delivered by SMTP to the demo's mail server on 127.0.0.1:%d; each message
            and its delivery under Administration > Sent messages; a mailbox can be read
            by IMAP on 127.0.0.1:%d (user and password: the recipient's address).

          Keycloak admin console: %s/admin/  (admin / %s)
          Logs: %s
                %s
          Press Ctrl+C to stop everything.
        ================================================================================
        %n""",
        bootSeconds,
        settings.portalUrl(),
        settings.managementPort(),
        settings.managementPort(),
        settings.httpPort(),
        password,
        settings.simulatorBasePort(),
        settings.simulatorBasePort() + DemoFederation.SITES.size() - 1,
        mail.smtpPort(),
        mail.imapPort(),
        settings.keycloakUrl(),
        secrets.get(Secrets.KEYCLOAK_ADMIN_PASSWORD),
        wildfly.serverLog(),
        settings.workDir().resolve("keycloak.log"));
  }

  private static void step(String what) {
    System.out.println("==> " + what);
  }

  private synchronized void stopAll() {
    if (started.isEmpty()) {
      return;
    }
    System.out.println("\nStopping Federa...");
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("Stop failed: " + e.getMessage());
      }
    }
    System.out.println("Stopped.");
  }

  private static void writePid(Path workDir) {
    try {
      Files.createDirectories(workDir);
      Files.writeString(workDir.resolve("demo.pid"), Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new StackException("Cannot write to " + workDir + ": " + e.getMessage(), e);
    }
  }
}
