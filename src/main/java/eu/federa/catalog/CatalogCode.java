package eu.federa.catalog;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A catalog code (an image's, a size's, a model's): 2 to 40 lower-case letters, digits, dots and
 * dashes, starting with a letter or digit. It names the entry in URLs, the API and OpenNebula
 * templates.
 */
@Target({FIELD, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = CatalogCode.Validator.class)
public @interface CatalogCode {

  String message() default "{federa.catalog.code}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link CatalogCode} with {@link CatalogRules#isCode}. */
  class Validator implements ConstraintValidator<CatalogCode, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return CatalogRules.isCode(value);
    }
  }
}
