package eu.federa.platform.validation;

import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks shared by every form: required fields, lengths, clean characters, e-mail addresses. Forms
 * declare them as constraints ({@link Text}, {@link EmailAddress}, checked by {@link Constraints});
 * a value that is not a form's field is checked with {@link #length} or {@link #paragraph}. Both
 * report the same message templates, from {@code ValidationMessages}.
 */
public final class TextRules {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  /** Message templates, in {@code ValidationMessages} of every language. */
  public static final String REQUIRED = "{federa.text.required}";

  public static final String LENGTH = "{federa.text.length}";
  public static final String CHARACTERS = "{federa.text.characters}";
  public static final String EMAIL_MESSAGE = "{federa.email}";

  private TextRules() {}

  /**
   * Adds "required", "length" or "characters" for {@code field} when the trimmed value is not one
   * acceptable line of text: what {@link Text} checks, for a value that is not a form's field.
   */
  public static void length(List<FieldError> errors, String field, String value, int min, int max) {
    add(errors, field, problem(value, min, max, false), min, max);
  }

  /**
   * Like {@link #length} for text that may span lines; {@code min} 0 makes it optional (null or
   * blank is then fine).
   */
  public static void paragraph(
      List<FieldError> errors, String field, String value, int min, int max) {
    add(errors, field, problem(value, min, max, true), min, max);
  }

  private static void add(List<FieldError> errors, String field, String problem, int min, int max) {
    if (problem != null) {
      errors.add(FieldError.constraint(field, problem, Map.of("min", min, "max", max)));
    }
  }

  /**
   * The message template of the rule {@code value} breaks, or {@code null} when it is acceptable
   * text of {@code min} to {@code max} characters (blank is acceptable when {@code min} is 0).
   */
  static String problem(String value, int min, int max, boolean multiline) {
    if (value == null || value.isBlank()) {
      return min > 0 ? REQUIRED : null;
    }
    int length = value.trim().length();
    if (length < min || length > max) {
      return LENGTH;
    }
    return isClean(value, multiline) ? null : CHARACTERS;
  }

  /** The message template of what is wrong with an e-mail address, or {@code null}. */
  static String emailProblem(String value) {
    String email = value == null ? "" : value.trim();
    if (email.isEmpty()) {
      return REQUIRED;
    }
    return isEmail(email) ? null : EMAIL_MESSAGE;
  }

  /** Reports {@code problem} (a template) as the constraint's violation; true when none. */
  static boolean report(String problem, ConstraintValidatorContext context) {
    if (problem == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
    return false;
  }

  /**
   * Whether {@code text} holds no control character (line breaks and tabs only where {@code
   * multiline}) and no invisible text-direction character (U+061C, U+200E, U+200F, U+202A to
   * U+202E, U+2066 to U+2069), which can make a name read differently from what it is (the "Trojan
   * Source" trick) or break a CSV, a log line or a PDF.
   */
  public static boolean isClean(String text, boolean multiline) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      if (Character.isISOControl(c)
          || c == '\u061C'
          || c == '\u200E'
          || c == '\u200F'
          || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')) {
        return false;
      }
    }
    return true;
  }

  public static boolean isEmail(String value) {
    return value != null && value.length() <= 320 && EMAIL.matcher(value.trim()).matches();
  }
}
