package eu.federa.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks a {@link Text} field with {@link TextRules}, naming which rule it breaks. */
public class TextValidator implements ConstraintValidator<Text, String> {

  private Text text;

  @Override
  public void initialize(Text annotation) {
    this.text = annotation;
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    String problem = TextRules.problem(value, text.min(), text.max(), text.multiline());
    return TextRules.report(problem, context);
  }
}
