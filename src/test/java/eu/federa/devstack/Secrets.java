package eu.federa.devstack;

import eu.federa.platform.security.SecretSeal;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Secrets of the local stack (client secrets, demo password, database password), generated once per
 * checkout into {@code target/devstack/secrets.properties} so that none is in the repository.
 */
public final class Secrets {

  public static final String PORTAL_CLIENT_SECRET = "FEDERA_PORTAL_CLIENT_SECRET";
  public static final String PARTNER_BROKER_CLIENT_SECRET = "PARTNER_BROKER_CLIENT_SECRET";
  public static final String KEYCLOAK_ADMIN_CLIENT_SECRET = "KEYCLOAK_ADMIN_CLIENT_SECRET";
  public static final String DEMO_PASSWORD = "FEDERA_DEMO_PASSWORD";
  public static final String KEYCLOAK_ADMIN_PASSWORD = "KEYCLOAK_ADMIN_PASSWORD";
  public static final String DATABASE_PASSWORD = "DB_PASSWORD";
  public static final String SIMULATOR_PASSWORD = "SIM_ONEADMIN_PASSWORD";
  public static final String SECRET_KEYS = "FEDERA_SECRET_KEYS";
  public static final String RECORD_SIGNING_KEY = "FEDERA_RECORD_SIGNING_KEY";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String READABLE = "abcdefghijkmnpqrstuvwxyz23456789";

  private final Properties values;

  private Secrets(Properties values) {
    this.values = values;
  }

  public static synchronized Secrets loadOrCreate(Path file) {
    Properties values = new Properties();
    try {
      if (Files.exists(file)) {
        try (Reader in = Files.newBufferedReader(file)) {
          values.load(in);
        }
      }
      boolean changed = false;
      changed |= putIfAbsent(values, PORTAL_CLIENT_SECRET, token());
      changed |= putIfAbsent(values, PARTNER_BROKER_CLIENT_SECRET, token());
      changed |= putIfAbsent(values, KEYCLOAK_ADMIN_CLIENT_SECRET, token());
      changed |= putIfAbsent(values, KEYCLOAK_ADMIN_PASSWORD, token());
      changed |= putIfAbsent(values, DATABASE_PASSWORD, token());
      changed |= putIfAbsent(values, SIMULATOR_PASSWORD, token());
      changed |= putIfAbsent(values, DEMO_PASSWORD, "demo-" + readable(8));
      changed |= putIfAbsent(values, SECRET_KEYS, SecretSeal.newKey("demo-1"));
      changed |= putIfAbsent(values, RECORD_SIGNING_KEY, signingKey());
      if (changed) {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
          values.store(out, "Generated for the local demo and tests; not used anywhere else");
        }
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system
        }
      }
    } catch (IOException e) {
      throw new StackException("Cannot read or write " + file + ": " + e.getMessage(), e);
    }
    return new Secrets(values);
  }

  /** A new Ed25519 key pair as Federa reads it: PKCS#8 and X.509, base64, joined by a dot. */
  static String signingKey() {
    try {
      java.security.KeyPair pair =
          java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
      return b64.encodeToString(pair.getPrivate().getEncoded())
          + "."
          + b64.encodeToString(pair.getPublic().getEncoded());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("Ed25519 is missing", e);
    }
  }

  public String get(String name) {
    return values.getProperty(name);
  }

  private static boolean putIfAbsent(Properties values, String name, String value) {
    if (values.getProperty(name, "").isBlank()) {
      values.setProperty(name, value);
      return true;
    }
    return false;
  }

  private static String token() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String readable(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
    }
    return out.toString();
  }
}
