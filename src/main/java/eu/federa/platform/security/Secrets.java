package eu.federa.platform.security;

import eu.federa.platform.config.Setting;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The portal's {@link SecretSeal}, from {@code FEDERA_SECRET_KEYS} (or {@code federa.secret-keys}),
 * read when first used. Keys never come from the database.
 */
@ApplicationScoped
public class Secrets {

  private volatile SecretSeal seal;

  /** The seal of this node's configuration; a missing or bad ring fails with what is wrong. */
  public SecretSeal seal() {
    SecretSeal s = seal;
    if (s == null) {
      s = SecretSeal.of(Setting.SECRET_KEYS.value());
      seal = s;
    }
    return s;
  }
}
