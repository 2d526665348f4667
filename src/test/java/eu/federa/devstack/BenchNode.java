package eu.federa.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One portal node for a bench, on ports of its own: MariaDB, Keycloak, the demo federation and
 * WildFly with the demo organisations, each pushed onto {@code started} (closed in reverse by the
 * bench). A bench adds its own settings to the node's environment before WildFly starts.
 */
final class BenchNode {

  final StackSettings settings;
  final Secrets secrets;
  final String jdbcUrl;
  final String dbPassword;
  final DemoFederation federation;
  final Map<String, String> env;
  final WildFlyServer wildfly;

  private BenchNode(
      StackSettings settings,
      Secrets secrets,
      String jdbcUrl,
      String dbPassword,
      DemoFederation federation,
      Map<String, String> env,
      WildFlyServer wildfly) {
    this.settings = settings;
    this.secrets = secrets;
    this.jdbcUrl = jdbcUrl;
    this.dbPassword = dbPassword;
    this.federation = federation;
    this.env = env;
    this.wildfly = wildfly;
  }

  /**
   * @param workDir where the node keeps its files, emptied first ({@code target/bench-...})
   * @param users the bench's own users, added to the portal's realm (none: the demo users only)
   * @param before what the bench sets on the federation and in the environment before WildFly
   */
  static BenchNode start(
      String workDir,
      int portBase,
      Deque<AutoCloseable> started,
      List<BenchRealm.User> users,
      Consumer<DemoFederation> federationReady,
      Consumer<Map<String, String>> before)
      throws Exception {
    StackSettings base = StackSettings.fromEnvironment(workDir);
    Path work = base.workDir();
    Folders.deleteRecursively(work);
    Files.createDirectories(work);
    Secrets secrets = Secrets.loadOrCreate(work.resolve("secrets.properties"));
    StackSettings settings =
        new StackSettings(
            base.serverDir(),
            base.keycloakDir(),
            base.warFile(),
            work.resolve("node"),
            base.secretsFile(),
            users.isEmpty()
                ? base.realmDir()
                : BenchRealm.write(base.realmDir(), work.resolve("realms"), List.of(), users),
            portBase,
            portBase + 1910,
            portBase + 100,
            0,
            portBase + 9350,
            null,
            null);

    Bench.step("MariaDB, Keycloak and the demo federation");
    EmbeddedMariaDb db =
        EmbeddedMariaDb.start(
            work.resolve("mariadb/data"), 0, secrets.get(Secrets.DATABASE_PASSWORD), true);
    started.push(db);
    started.push(KeycloakServer.start(settings, secrets));
    String simPassword = secrets.get(Secrets.SIMULATOR_PASSWORD);
    DemoFederation federation = DemoFederation.start(settings.simulatorBasePort(), simPassword);
    started.push(federation);
    federationReady.accept(federation);
    Map<String, String> env =
        Bench.portalEnv(db.jdbcUrl(), db.password(), secrets, settings.providerUrl());
    env.put(
        "FEDERA_DEMO_FEDERATION",
        federation.writeImportFile(work.resolve("federation.json"), simPassword).toString());
    env.put(
        "FEDERA_DEMO_TENANTS",
        DemoTenants.writeImportFile(work.resolve("demo-tenants.json")).toString());
    before.accept(env);
    Bench.step("WildFly on " + settings.portalUrl());
    WildFlyServer wildfly = WildFlyServer.start(settings, env);
    return new BenchNode(settings, secrets, db.jdbcUrl(), db.password(), federation, env, wildfly);
  }
}
