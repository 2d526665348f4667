package eu.federa.platform.validation;

import eu.federa.platform.i18n.Formats;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A rejected form field: the message key (in the portal's resource bundle) and its arguments; or,
 * for a constraint ({@link #constraint}), a Bean Validation message template such as {@code
 * {federa.text.length}} (in {@code ValidationMessages}) and the constraint's attributes.
 *
 * @param field the form field, or {@code null} for the form as a whole
 */
public record FieldError(String field, String messageKey, List<Object> arguments) {

  public FieldError {
    arguments = List.copyOf(arguments);
  }

  public static FieldError of(String field, String key, Object... arguments) {
    return new FieldError(field, key, List.of(arguments));
  }

  /** A broken constraint: its message template and its attributes ({@code min}, {@code max}...). */
  public static FieldError constraint(String field, String template, Map<String, ?> attributes) {
    return new FieldError(field, template, List.of(Map.copyOf(attributes)));
  }

  /** Whether the message is a Bean Validation template rather than a key of the portal's bundle. */
  public boolean isConstraint() {
    return messageKey.startsWith("{") && messageKey.endsWith("}");
  }

  /**
   * The message for a reader of {@code locale}: a constraint's from {@code ValidationMessages},
   * another from {@code messages} (the portal's bundle in that language). A key neither has is
   * returned as it is.
   */
  public String text(ResourceBundle messages, Locale locale) {
    return text(messages, Formats.of(locale, null));
  }

  /** The text for {@code reader}: their language, and the time zone of their profile. */
  public String text(ResourceBundle messages, Formats reader) {
    if (isConstraint()) {
      Object attributes = arguments.isEmpty() ? Map.of() : arguments.get(0);
      return ConstraintMessages.text(messageKey, (Map<?, ?>) attributes, reader.locale());
    }
    try {
      return reader.message(messages.getString(messageKey), arguments.toArray());
    } catch (MissingResourceException e) {
      return messageKey;
    }
  }
}
