package eu.federa.platform.text;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text templates with named placeholders, {@code {tenant}}: what mails and documents say is
 * written in a template per language, and code only supplies the values. A placeholder without a
 * value is an error, never an empty gap in a message someone receives.
 */
public final class TextTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");

  private TextTemplate() {}

  /** {@code template} with each {@code {name}} replaced by the value of {@code name}. */
  public static String fill(String template, Map<String, ?> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (!values.containsKey(name) || values.get(name) == null) {
        throw new IllegalArgumentException("No value for {" + name + "} in the template");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(values.get(name))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The placeholders {@code template} uses, by name. */
  public static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** One line of text, for a header such as a subject: line breaks become spaces. */
  public static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ").strip();
  }
}
