package eu.federa.platform.i18n;

import java.io.Serializable;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A word of the portal's own vocabulary given to a message by its key (a backup's state, {@code
 * backup.state.CREATING}), so that each reader reads it in their language ("Being made…", "En
 * cours…") rather than as the code names it. {@link #toString} is the English word, for logs.
 */
public record Term(String key) implements Localized, Serializable {

  private static final String BUNDLE = "eu.federa.platform.i18n.messages";

  public Term {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("A term needs a message key");
    }
  }

  /** The term for {@code prefix} and the constant's name ({@code backup.state.} and READY). */
  public static Term of(String prefix, Enum<?> constant) {
    return new Term(prefix + constant.name());
  }

  @Override
  public String in(Formats formats) {
    try {
      return ResourceBundle.getBundle(BUNDLE, formats.locale()).getString(key);
    } catch (MissingResourceException e) {
      // A key without a word still says something rather than failing the message.
      return key.substring(key.lastIndexOf('.') + 1);
    }
  }

  @Override
  public String toString() {
    return in(Formats.of(SupportedLanguages.FALLBACK, null));
  }
}
