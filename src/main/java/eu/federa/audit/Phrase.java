package eu.federa.audit;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.Localized;
import java.util.Arrays;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Part of an audit entry (what it is about, its detail) as a reader reads it: a key of the portal's
 * bundle and its arguments.
 *
 * @param arguments numbers and codes as text (they read as they are, not grouped like a count), a
 *     month as a {@link java.time.YearMonth}, a word of the portal's vocabulary as a {@link
 *     eu.federa.platform.i18n.Term}, a day as a {@link eu.federa.platform.i18n.Day}, a part of the
 *     phrase as a phrase of its own
 */
public record Phrase(String key, Object... arguments) implements Localized {

  private static final String BUNDLE = "eu.federa.platform.i18n.messages";

  /** As the reader of {@code formats} reads it, for a phrase given to another one. */
  @Override
  public String in(Formats formats) {
    String pattern;
    try {
      pattern = ResourceBundle.getBundle(BUNDLE, formats.locale()).getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return formats.message(pattern, arguments);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Phrase p && key.equals(p.key) && Arrays.equals(arguments, p.arguments);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(arguments);
  }

  @Override
  public String toString() {
    return key + Arrays.toString(arguments);
  }
}
