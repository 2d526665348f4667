package eu.federa.cloud.registry;

import eu.federa.platform.validation.FieldError;
import java.util.List;

/** A provider form that cannot be saved; nothing was written. */
public class ProviderRejectedException extends RuntimeException {

  private final List<FieldError> errors;

  public ProviderRejectedException(List<FieldError> errors) {
    super("Provider rejected: " + errors);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
