package eu.federa.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak from its server distribution (unpacked by Maven into {@code target/keycloak}), with the
 * realms of {@code wildfly-config/keycloak} imported.
 *
 * <p>The optimised build ({@code kc.sh build}) is done once and kept in {@code target/keycloak}, so
 * later starts take seconds. When the realm files or the secrets change, Keycloak's dev database is
 * dropped so that the realms are imported afresh.
 */
public final class KeycloakServer implements AutoCloseable {

  /** Build-time options; a change triggers a new {@code kc.sh build}. */
  private static final List<String> BUILD_OPTIONS =
      List.of("--db=dev-file", "--cache=local", "--health-enabled=false");

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final Process process;
  private final Path log;

  private KeycloakServer(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static KeycloakServer start(StackSettings settings, Secrets secrets) {
    Path home = settings.keycloakDir();
    Path kc = home.resolve("bin/kc.sh");
    if (!Files.isExecutable(kc)) {
      throw new StackException(
          "Keycloak is not unpacked at "
              + home
              + ". Run the build first (./federa demo does): mvn -DskipTests package");
    }
    Ports.requireFree(settings.keycloakPort(), "Keycloak", "KEYCLOAK_PORT");
    Path log = settings.workDir().resolve("keycloak.log");
    Map<String, String> env =
        Map.of(
            "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
            "KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.get(Secrets.KEYCLOAK_ADMIN_PASSWORD),
            "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
    try {
      prepareBreachedPasswords(home);
      prepareRealms(settings, secrets, home);
      buildIfNeeded(home, log, env);
    } catch (IOException e) {
      throw new StackException("Cannot prepare Keycloak in " + home + ": " + e.getMessage(), e);
    }
    List<String> command =
        List.of(
            kc.toString(),
            "start",
            "--optimized",
            "--http-enabled=true",
            "--http-host=127.0.0.1",
            "--http-port=" + settings.keycloakPort(),
            "--hostname-strict=false",
            "--import-realm");
    Process process = ChildProcesses.start(command, home, log, env);
    KeycloakServer server = new KeycloakServer(process, log);
    String federa = settings.keycloakUrl() + "/realms/federa/.well-known/openid-configuration";
    String partner = settings.keycloakUrl() + "/realms/partner/.well-known/openid-configuration";
    boolean ready =
        HttpProbe.await(
            START_TIMEOUT,
            process::isAlive,
            () -> HttpProbe.status(federa) == 200 && HttpProbe.status(partner) == 200);
    if (!ready) {
      server.close();
      throw new StackException(
          "Keycloak did not become ready on port "
              + settings.keycloakPort()
              + " within "
              + START_TIMEOUT.toMinutes()
              + " minutes. Its log is "
              + log
              + "; last lines:\n"
              + ChildProcesses.tail(log, 15));
    }
    return server;
  }

  /** The list the federa realm's password policy names (passwordBlacklist). */
  static final String BREACHED_PASSWORDS = "federa-breached-passwords.txt";

  /**
   * Installs the list of breached passwords Keycloak refuses (ASVS 6.2.4): the 100,000 most common
   * passwords of public breaches shipped with nbvcxz, one per line, lower case (as Keycloak
   * compares them), into Keycloak's default blacklist folder. Keycloak refuses to start a realm
   * whose policy names a list that is not there.
   */
  static void prepareBreachedPasswords(Path home) throws IOException {
    Path folder = home.resolve("data/password-blacklists");
    Path list = folder.resolve(BREACHED_PASSWORDS);
    if (Files.isRegularFile(list) && Files.size(list) > 0) {
      return;
    }
    try (var in = KeycloakServer.class.getResourceAsStream("/dictionaries/passwords.txt")) {
      if (in == null) {
        throw new StackException(
            "The breached-password list (me.gosimple:nbvcxz, dictionaries/passwords.txt) is not"
                + " on the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> passwords =
          text.lines()
              .map(String::strip)
              .filter(line -> !line.isEmpty())
              .map(line -> line.toLowerCase(Locale.ROOT))
              .distinct()
              .toList();
      Files.createDirectories(folder);
      Path partial = folder.resolve(BREACHED_PASSWORDS + ".part");
      Files.write(partial, passwords, StandardCharsets.UTF_8);
      Files.move(partial, list, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Writes the realm files with their placeholders filled into Keycloak's import folder. */
  private static void prepareRealms(StackSettings settings, Secrets secrets, Path home)
      throws IOException {
    Map<String, String> values =
        Map.of(
            "FEDERA_PORTAL_URL",
            settings.portalUrl(),
            "KEYCLOAK_URL",
            settings.keycloakUrl(),
            Secrets.PORTAL_CLIENT_SECRET,
            secrets.get(Secrets.PORTAL_CLIENT_SECRET),
            Secrets.PARTNER_BROKER_CLIENT_SECRET,
            secrets.get(Secrets.PARTNER_BROKER_CLIENT_SECRET),
            Secrets.KEYCLOAK_ADMIN_CLIENT_SECRET,
            secrets.get(Secrets.KEYCLOAK_ADMIN_CLIENT_SECRET),
            Secrets.DEMO_PASSWORD,
            secrets.get(Secrets.DEMO_PASSWORD));
    Path importDir = home.resolve("data/import");
    Files.createDirectories(importDir);
    MessageDigest digest = sha256();
    List<Path> realmFiles;
    try (Stream<Path> files = Files.list(settings.realmDir())) {
      realmFiles = files.filter(f -> f.toString().endsWith("-realm.json")).sorted().toList();
    }
    if (realmFiles.isEmpty()) {
      throw new StackException("No *-realm.json files in " + settings.realmDir());
    }
    for (Path realm : realmFiles) {
      String text = Files.readString(realm, StandardCharsets.UTF_8);
      for (Map.Entry<String, String> value : values.entrySet()) {
        text = text.replace("${" + value.getKey() + "}", value.getValue());
      }
      Files.writeString(importDir.resolve(realm.getFileName()), text, StandardCharsets.UTF_8);
      digest.update(text.getBytes(StandardCharsets.UTF_8));
    }
    String fingerprint = HexFormat.of().formatHex(digest.digest());
    Path marker = home.resolve("data/federa-realms.sha256");
    if (!Files.exists(marker) || !Files.readString(marker).equals(fingerprint)) {
      Folders.deleteRecursively(home.resolve("data/h2"));
      Files.writeString(marker, fingerprint);
    }
  }

  private static void buildIfNeeded(Path home, Path log, Map<String, String> env)
      throws IOException {
    Path marker = home.resolve("lib/federa-build-options");
    String wanted = String.join(" ", BUILD_OPTIONS);
    if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
      return;
    }
    System.out.println("Preparing Keycloak's optimised build (once; about a minute)...");
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.add("build");
    command.addAll(BUILD_OPTIONS);
    Process build = ChildProcesses.start(command, home, log, env);
    try {
      int exit = build.waitFor();
      if (exit != 0) {
        throw new StackException(
            "Keycloak's build failed (exit "
                + exit
                + "); see "
                + log
                + ":\n"
                + ChildProcesses.tail(log, 15));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      build.destroyForcibly();
      throw new StackException("Interrupted while building Keycloak", e);
    }
    Files.writeString(marker, wanted);
  }

  /** Checks an external Keycloak realm before WildFly is started against it. */
  public static void requireReachable(String realmUrl) {
    if (HttpProbe.status(realmUrl + "/.well-known/openid-configuration") != 200) {
      throw new StackException(
          "Keycloak at "
              + realmUrl
              + " does not answer. Start it, or unset OIDC_PROVIDER_URL to use the embedded"
              + " Keycloak.");
    }
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() {
    ChildProcesses.stop(process, 20);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
