package eu.federa.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a fresh embedded MariaDB and Keycloak once for the whole integration test run (failsafe
 * sets {@code federa.devstack=true}; unit tests start nothing), and tells Arquillian's managed
 * WildFly how to reach them.
 */
public class IntegrationStackListener implements LauncherSessionListener {

  private EmbeddedMariaDb db;
  private FutureTask<KeycloakServer> keycloakStarting;
  private DemoFederation federation;
  private DemoMailServer mail;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Boolean.getBoolean("federa.devstack") || db != null) {
      return;
    }
    StackSettings settings = StackSettings.fromEnvironment("target/devstack-it");
    Secrets secrets = Secrets.loadOrCreate(settings.secretsFile());
    // Keycloak (its own dev database) starts beside MariaDB and WildFly: on two cores its build and
    // start take about a minute, during which the others start too. The first deployment waits for
    // it (TestStack.awaitKeycloak), so no test runs before it answers.
    keycloakStarting = new FutureTask<>(() -> KeycloakServer.start(settings, secrets));
    Thread starter = new Thread(keycloakStarting, "keycloak-start");
    starter.setDaemon(true);
    starter.start();
    TestStack.keycloakStarting(keycloakStarting);
    db =
        EmbeddedMariaDb.start(
            settings.workDir().resolve("mariadb/data"),
            0,
            secrets.get(Secrets.DATABASE_PASSWORD),
            true);
    // The tests' own federation, on ports that do not collide with a running demo's.
    federation = DemoFederation.start(27330, secrets.get(Secrets.SIMULATOR_PASSWORD));
    // Quicker than the demo's pace: the browser journeys wait for VMs to boot, stop and move. A
    // test that needs a VM still on its way for a while asks for the demo's pace (TestStack).
    federation.pace(TestStack.TEST_STEP, TestStack.TEST_WARM_UP);
    Path federationFile =
        federation.writeImportFile(
            settings.workDir().resolve("demo-federation.json"),
            secrets.get(Secrets.SIMULATOR_PASSWORD));

    // The mail server the portal delivers its outbox to (MailDeliveryIT reads it back by IMAP).
    mail = DemoMailServer.start(TestStack.MAIL_SMTP_PORT);

    TestStack.publish(settings, secrets, db, federation);
    System.setProperty(
        "arq.container.wildfly.configuration.javaVmArguments",
        String.join(
            " ",
            "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=512m",
            "-Djava.net.preferIPv4Stack=true",
            "-Djboss.bind.address=127.0.0.1",
            "-Djboss.bind.address.management=127.0.0.1",
            // a cluster of its own, on ports that do not meet a running demo's (7600); a second
            // node joins it while ClusterBrowserIT runs
            String.join(
                " ",
                WildFlyServer.clusterArguments(
                    TestStack.CLUSTER_NAME,
                    "it",
                    TestStack.CLUSTER_PORT,
                    List.of(TestStack.CLUSTER_PORT, TestStack.SECOND_NODE_CLUSTER_PORT))),
            // plain HTTP on loopback: a Secure session cookie would not come back
            "-Dfedera.secure-cookies=false",
            // background work is looked for every 200 ms instead of every second: shorter waits
            "-Dfedera.worker.poll-millis=200",
            // pages showing work in progress look again twice as often: shorter waits
            "-Dfedera.page.refresh-percent=50",
            // a provider found down is tried again after 3 s, not 15: shorter outages to wait out
            "-Dfedera.provider.circuit-open-seconds=3",
            // 127.0.0.2 plays the reverse proxy (TrustedProxyIT); 127.0.0.1 is anyone else
            "-Dfedera.trusted-proxies=127[.]0[.]0[.]2",
            "-Dfedera.secret-keys=" + secrets.get(Secrets.SECRET_KEYS),
            "-Dfedera.record.signing-key=" + secrets.get(Secrets.RECORD_SIGNING_KEY),
            "-Dfedera.db.url=" + db.jdbcUrl(),
            "-Dfedera.db.user=" + EmbeddedMariaDb.USER,
            "-Dfedera.db.password=" + db.password(),
            "-Dfedera.oidc.provider-url=" + settings.providerUrl(),
            "-Dfedera.oidc.client-secret=" + secrets.get(Secrets.PORTAL_CLIENT_SECRET),
            "-Dfedera.keycloak.admin-client-secret="
                + secrets.get(Secrets.KEYCLOAK_ADMIN_CLIENT_SECRET),
            "-Dfedera.demo.federation=" + federationFile,
            "-Dfedera.ai.replica-url=" + DemoFederation.REPLICA_URL,
            "-Dfedera.ai.notebook-url=" + DemoFederation.NOTEBOOK_URL,
            "-Dfedera.smtp.host=127.0.0.1",
            "-Dfedera.smtp.port=" + mail.smtpPort(),
            "-Dfedera.smtp.security=none",
            "-Dfedera.mail.from=no-reply@federa.localhost",
            "-Dfedera.mail.retry-seconds=1",
            "-Dfedera.mail.bounce-address=bounces@federa.localhost",
            "-Dfedera.mail.bounce-mailbox=imap://bounces%40federa.localhost@127.0.0.1:"
                + mail.imapPort()
                + "/INBOX",
            "-Dfedera.mail.bounce-password=bounces@federa.localhost",
            "-Dfedera.mail.bounce-poll-seconds=1",
            "-Dfedera.demo.tenants="
                + DemoTenants.writeImportFile(settings.workDir().resolve("demo-tenants.json")),
            // JaCoCo's agent when the build asks for coverage of the server side
            System.getProperty("federa.server.coverage", "")));
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (mail != null) {
      mail.close();
    }
    if (federation != null) {
      federation.close();
    }
    if (keycloakStarting != null) {
      try {
        keycloakStarting.get().close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        // it did not start: nothing to stop (the tests were told why)
      }
    }
    if (db != null) {
      db.close();
    }
  }
}
