package eu.federa.platform.validation;

import java.util.List;

/**
 * A rejected form field: the message key (in the portal's resource bundle) and its arguments.
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
}
