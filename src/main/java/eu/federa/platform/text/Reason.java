package eu.federa.platform.text;

import eu.federa.platform.i18n.Formats;
import eu.federa.platform.i18n.Localized;
import eu.federa.platform.validation.ConstraintMessages;
import eu.federa.platform.validation.FieldError;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an order or another long piece of work failed or ended, as a message key of the portal's
 * bundle with its arguments: stored with the order, shown to each user in their language, and in
 * English in the API and the logs.
 *
 * @param key a key of {@code messages.properties} under {@code order.reason.}
 * @param args its arguments as {@link Localized#stored} keeps them: money, days and sizes marked,
 *     so that each reader reads them in their own format
 */
public record Reason(String key, List<String> args) implements Serializable {

  private static final String BUNDLE = "eu.federa.platform.i18n.messages";
  private static final char SEPARATOR = '\u001f';

  public Reason {
    args = List.copyOf(args);
  }

  /** A reason of an order: {@code key} is under {@code order.reason.}. */
  public static Reason of(String key, Object... args) {
    return keyed("order.reason." + key, args);
  }

  /** A reason under any key of the bundle (a volume's, a snapshot's). */
  public static Reason keyed(String key, Object... args) {
    return new Reason(key, Arrays.stream(args).map(Localized::stored).toList());
  }

  /** Its arguments as they were given: money, days and sizes as values again, the rest as text. */
  public Object[] arguments() {
    return args.stream().map(Localized::restored).toArray();
  }

  /**
   * Why a field was refused, as a reason to store: a constraint's template keeps its attributes as
   * {@code name=value} arguments.
   */
  public static Reason of(FieldError error) {
    if (error.isConstraint()) {
      Map<?, ?> attributes =
          error.arguments().isEmpty() ? Map.of() : (Map<?, ?>) error.arguments().get(0);
      return new Reason(
          error.messageKey(),
          attributes.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .sorted()
              .toList());
    }
    return keyed(error.messageKey(), error.arguments().toArray());
  }

  /** The text in English (the bundle's base), for the API, audit and logs. */
  public String english() {
    return in(
        ResourceBundle.getBundle(
            BUNDLE,
            Locale.ROOT,
            Reason.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
  }

  /**
   * The text from a bundle of the reader's language, its instants in UTC; the key itself when it is
   * missing.
   */
  public String in(ResourceBundle bundle) {
    return in(bundle, Formats.of(bundle.getLocale(), null));
  }

  /** In the language of {@code formats}, its values in the reader's formats and time zone. */
  public String in(Formats formats) {
    return in(ResourceBundle.getBundle(BUNDLE, formats.locale()), formats);
  }

  /** As {@link #in(ResourceBundle)}, its values in the reader's formats and time zone. */
  public String in(ResourceBundle bundle, Formats formats) {
    if (key.startsWith("{") && key.endsWith("}")) {
      Map<String, Object> attributes = new java.util.HashMap<>();
      for (String a : args) {
        int eq = a.indexOf('=');
        if (eq > 0) {
          String value = a.substring(eq + 1);
          attributes.put(
              a.substring(0, eq),
              value.matches("-?\\d{1,18}") ? (Object) Long.valueOf(value) : value);
        }
      }
      return ConstraintMessages.text(key, attributes, bundle.getLocale());
    }
    try {
      return formats.message(bundle.getString(key), arguments());
    } catch (MissingResourceException e) {
      return key + " " + Arrays.toString(arguments());
    }
  }

  /**
   * The reason whose English text (as {@link #english} wrote it) is {@code english}, among the keys
   * starting with one of {@code prefixes}: its arguments as the text they were written as, so that
   * it reads in another language with them as they are. Where several messages fit, the one with
   * the most words of its own; empty when none does.
   */
  public static Optional<Reason> ofEnglish(String english, List<String> prefixes) {
    if (english == null || english.isEmpty()) {
      return Optional.empty();
    }
    for (EnglishTemplate template : EnglishTemplates.of(prefixes)) {
      if (!english.contains(template.longestWords())) {
        continue; // cheaper than the pattern, which would fail
      }
      Matcher m = template.pattern().matcher(english);
      if (!m.matches()) {
        continue;
      }
      List<String> args = new ArrayList<>();
      for (int i = 0; i < template.arguments(); i++) {
        String value = template.uses(i) ? m.group("a" + i) : "";
        args.add(value.indexOf(Localized.MARK) < 0 ? value : value.replace(Localized.MARK, ' '));
      }
      Reason read = new Reason(template.key(), args);
      if (english.equals(read.english())) {
        return Optional.of(read);
      }
    }
    return Optional.empty();
  }

  /** A message of the English bundle as a pattern that finds its arguments in a text. */
  private record EnglishTemplate(
      String key, Pattern pattern, int arguments, int literal, long used, String longestWords) {

    boolean uses(int argument) {
      return (used & (1L << argument)) != 0;
    }

    /** {@code null} when the message is not one to read back (a choice, a number format). */
    static EnglishTemplate of(String key, String message) {
      StringBuilder regex = new StringBuilder();
      StringBuilder literal = new StringBuilder();
      int arguments = 0;
      long used = 0;
      String longest = "";
      boolean quoted = false;
      for (int i = 0; i < message.length(); i++) {
        char c = message.charAt(i);
        if (c == '\'') {
          if (i + 1 < message.length() && message.charAt(i + 1) == '\'') {
            literal.append('\'');
            i++;
          } else {
            quoted = !quoted;
          }
        } else if (c == '{' && !quoted) {
          int end = message.indexOf('}', i);
          if (end < 0 || !message.substring(i + 1, end).matches("\\d")) {
            return null;
          }
          regex.append(Pattern.quote(literal.toString()));
          longest = literal.length() > longest.length() ? literal.toString() : longest;
          literal.setLength(0);
          int n = message.charAt(i + 1) - '0';
          regex.append((used & (1L << n)) != 0 ? "\\k<a" + n + ">" : "(?<a" + n + ">.+?)");
          used |= 1L << n;
          arguments = Math.max(arguments, n + 1);
          i = end;
        } else {
          literal.append(c);
        }
      }
      regex.append(Pattern.quote(literal.toString()));
      longest = literal.length() > longest.length() ? literal.toString() : longest;
      int own = message.replaceAll("\\{\\d}", "").length();
      return new EnglishTemplate(
          key, Pattern.compile(regex.toString(), Pattern.DOTALL), arguments, own, used, longest);
    }
  }

  /** The English messages under some prefixes, most words of their own first, made once. */
  private static final class EnglishTemplates {
    private static final Map<List<String>, List<EnglishTemplate>> MADE = new ConcurrentHashMap<>();

    static List<EnglishTemplate> of(List<String> prefixes) {
      return MADE.computeIfAbsent(
          List.copyOf(prefixes),
          p -> {
            ResourceBundle english =
                ResourceBundle.getBundle(
                    BUNDLE,
                    Locale.ROOT,
                    Reason.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES));
            return english.keySet().stream()
                .filter(k -> p.stream().anyMatch(k::startsWith))
                .sorted()
                .map(k -> EnglishTemplate.of(k, english.getString(k)))
                .filter(Objects::nonNull)
                .filter(t -> t.literal() >= 8)
                .sorted(Comparator.comparingInt(EnglishTemplate::literal).reversed())
                .toList();
          });
    }
  }

  /** As stored in {@code vm_order.failure_key}. */
  public String encoded() {
    StringBuilder s = new StringBuilder(key);
    for (String a : args) {
      s.append(SEPARATOR).append(a.replace(SEPARATOR, ' '));
    }
    return s.length() > 1000 ? s.substring(0, 1000) : s.toString();
  }

  /** From {@code vm_order.failure_key}; null for null. */
  public static Reason decode(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return null;
    }
    String[] parts = encoded.split(String.valueOf(SEPARATOR), -1);
    return new Reason(parts[0], Arrays.asList(parts).subList(1, parts.length));
  }
}
