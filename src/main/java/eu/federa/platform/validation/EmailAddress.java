package eu.federa.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A required e-mail address ({@link TextRules#isEmail}); messages {@code federa.text.required} and
 * {@code federa.email} in {@code ValidationMessages}.
 */
@Target({FIELD, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = EmailAddressValidator.class)
public @interface EmailAddress {

  String message() default TextRules.EMAIL_MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
