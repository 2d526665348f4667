package eu.federa.platform.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Between}. */
public class BetweenValidator implements ConstraintValidator<Between, Number> {

  private double min;
  private double max;

  @Override
  public void initialize(Between between) {
    this.min = between.min();
    this.max = between.max();
  }

  @Override
  public boolean isValid(Number value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    double d = value.doubleValue();
    return !Double.isNaN(d) && d >= min && d <= max;
  }
}
