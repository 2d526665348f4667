package eu.federa.cloud.registry;

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
 * A provider's console page of a VM ({@link ProviderRules#isConsoleUrl}); blank: the provider
 * offers no console.
 */
@Target({FIELD, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = ConsoleAddress.Validator.class)
public @interface ConsoleAddress {

  String message() default "{federa.provider.consoleUrl}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link ConsoleAddress}. */
  class Validator implements ConstraintValidator<ConsoleAddress, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.isBlank() || ProviderRules.isConsoleUrl(value.strip());
    }
  }
}
