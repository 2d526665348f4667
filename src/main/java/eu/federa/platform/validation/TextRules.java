package eu.federa.platform.validation;

import java.util.List;
import java.util.regex.Pattern;

/** Checks shared by every form: required fields, lengths, e-mail addresses. */
public final class TextRules {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private TextRules() {}

  /**
   * Adds "required", "length" or "characters" for {@code field} when the trimmed value is not one
   * acceptable line of text.
   */
  public static void length(List<FieldError> errors, String field, String value, int min, int max) {
    text(errors, field, value, min, max, false);
  }

  /**
   * Like {@link #length} for text that may span lines; {@code min} 0 makes it optional (null or
   * blank is then fine).
   */
  public static void paragraph(
      List<FieldError> errors, String field, String value, int min, int max) {
    if (min > 0 || (value != null && !value.isBlank())) {
      text(errors, field, value, min, max, true);
    }
  }

  private static void text(
      List<FieldError> errors, String field, String value, int min, int max, boolean multiline) {
    if (value == null || value.isBlank()) {
      errors.add(FieldError.of(field, "form.error.required"));
    } else if (value.trim().length() < min || value.trim().length() > max) {
      errors.add(FieldError.of(field, "form.error.length", min, max));
    } else if (!isClean(value, multiline)) {
      errors.add(FieldError.of(field, "form.error.characters"));
    }
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

  /** Adds "required" or "email" for {@code field} unless it holds one plausible address. */
  public static void email(List<FieldError> errors, String field, String value) {
    String email = value == null ? "" : value.trim();
    if (email.isEmpty()) {
      errors.add(FieldError.of(field, "form.error.required"));
    } else if (!isEmail(email)) {
      errors.add(FieldError.of(field, "form.error.email"));
    }
  }

  public static boolean isEmail(String value) {
    return value != null && value.length() <= 320 && EMAIL.matcher(value.trim()).matches();
  }
}
