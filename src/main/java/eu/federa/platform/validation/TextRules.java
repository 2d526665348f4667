package eu.federa.platform.validation;

import java.util.List;
import java.util.regex.Pattern;

/** Checks shared by every form: required fields, lengths, e-mail addresses. */
public final class TextRules {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

  private TextRules() {}

  /** Adds "required" or "length" for {@code field} when the trimmed value is not acceptable. */
  public static void length(List<FieldError> errors, String field, String value, int min, int max) {
    if (value == null || value.isBlank()) {
      errors.add(FieldError.of(field, "form.error.required"));
    } else if (value.trim().length() < min || value.trim().length() > max) {
      errors.add(FieldError.of(field, "form.error.length", min, max));
    }
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
