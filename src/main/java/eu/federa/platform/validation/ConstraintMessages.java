package eu.federa.platform.validation;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bean Validation messages in the reader's language: the template's key looked up in {@code
 * ValidationMessages} (no fall-back to the server's own language: a language without the key gets
 * the English), its {@code {attribute}} placeholders filled in with the constraint's attributes,
 * numbers written as that language writes them.
 */
public final class ConstraintMessages {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private ConstraintMessages() {}

  /**
   * @param template such as {@code {federa.text.length}}
   * @return the message, or the template itself when no bundle has its key
   */
  public static String text(String template, Map<?, ?> attributes, Locale locale) {
    String key = template.substring(1, template.length() - 1);
    String pattern;
    try {
      pattern = ResourceBundle.getBundle("ValidationMessages", locale, NO_FALLBACK).getString(key);
    } catch (MissingResourceException e) {
      return template;
    }
    Matcher m = PLACEHOLDER.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = attributes.get(m.group(1));
      String filled =
          value == null
              ? m.group()
              : value instanceof Number n ? number(n, locale) : String.valueOf(value);
      m.appendReplacement(out, Matcher.quoteReplacement(filled));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A whole number without decimals (a limit of 16,777,216), else as many as it has (0.1). */
  static String number(Number n, Locale locale) {
    double d = n.doubleValue();
    boolean whole = !Double.isInfinite(d) && d == Math.rint(d);
    NumberFormat format =
        whole ? NumberFormat.getIntegerInstance(locale) : NumberFormat.getNumberInstance(locale);
    return format.format(n);
  }
}
