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
 * A provider's XML-RPC endpoint: an http or https address with a host and no user information, at
 * most 500 characters, and https unless it is on this machine (the provider's credentials go with
 * every call). Required.
 */
@Target({FIELD, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = ProviderEndpoint.Validator.class)
public @interface ProviderEndpoint {

  String message() default "{federa.provider.endpoint}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks {@link ProviderEndpoint} with {@link ProviderRules#endpointProblem}. */
  class Validator implements ConstraintValidator<ProviderEndpoint, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      String problem = ProviderRules.endpointProblem(value);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }
  }
}
