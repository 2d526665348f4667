package eu.federa.testsupport;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a translated text writes as a typewriter would, where its language has its own marks: the
 * bundles' and the mails' checks share these.
 */
public final class Typography {

  private static final Pattern TYPEWRITER_APOSTROPHE = Pattern.compile("\\p{L}'+\\p{L}");

  /** A plain space before : ; ? ! (not "::/0" nor "?id="), or inside « ». */
  private static final Pattern BREAKABLE_FRENCH = Pattern.compile(" [:;?!](?![:\\w/])|« | »");

  private Typography() {}

  /** A typewriter's ' inside a word ("n'est"), where the text should have ’. */
  public static Optional<String> typewriterApostrophe(String text) {
    return first(TYPEWRITER_APOSTROPHE, text);
  }

  /**
   * In French, a plain space where a no-break one keeps a mark with its word, so that no line
   * starts with ": 12 €" or "»".
   */
  public static Optional<String> breakableFrenchPunctuation(String text) {
    return first(BREAKABLE_FRENCH, text);
  }

  /** A typewriter's double quote, where the language has its own quotation marks. */
  public static Optional<String> typewriterQuote(String text) {
    int at = text.indexOf('"');
    return at < 0
        ? Optional.empty()
        : Optional.of(text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20)));
  }

  private static Optional<String> first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of("\"" + m.group() + "\"") : Optional.empty();
  }
}
