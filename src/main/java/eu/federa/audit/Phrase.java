package eu.federa.audit;

import java.util.Arrays;

/**
 * Part of an audit entry (what it is about, its detail) as a reader reads it: a key of the portal's
 * bundle and its arguments.
 *
 * @param arguments numbers and codes as text (they read as they are, not grouped like a count), a
 *     month as a {@link java.time.YearMonth}, a word of the portal's vocabulary as a {@link
 *     eu.federa.platform.i18n.Term}, a day as a {@link eu.federa.platform.i18n.Day}
 */
public record Phrase(String key, Object... arguments) {

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
