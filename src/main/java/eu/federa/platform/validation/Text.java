package eu.federa.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A text field of a form: required (unless {@code min} is 0 and it is left blank), between {@code
 * min} and {@code max} characters once trimmed, no control or invisible text-direction character
 * ({@link TextRules#isClean}). Its messages are {@code federa.text.required}, {@code
 * federa.text.length} and {@code federa.text.characters} in {@code ValidationMessages}.
 */
@Target({FIELD, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = TextValidator.class)
public @interface Text {

  /** Fewest characters; 0 makes the field optional. */
  int min() default 1;

  int max();

  /** Whether line breaks and tabs are allowed. */
  boolean multiline() default false;

  String message() default TextRules.LENGTH;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
