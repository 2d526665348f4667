package eu.federa.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks an {@link EmailAddress} field with {@link TextRules}. */
public class EmailAddressValidator implements ConstraintValidator<EmailAddress, String> {

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return TextRules.report(TextRules.emailProblem(value), context);
  }
}
