package eu.federa.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A number from {@link #min} to {@link #max}, both included ("Enter a number from 1 to 100." in the
 * reader's language). Not a number (NaN) is outside; null is left to {@code @NotNull}.
 */
@Target({FIELD, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = BetweenValidator.class)
public @interface Between {

  double min();

  double max();

  String message() default "{federa.range}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
