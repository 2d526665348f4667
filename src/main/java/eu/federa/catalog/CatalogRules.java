package eu.federa.catalog;

import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new image, size or model must look like, checked before the catalog asks the database
 * whether its code is taken. Each problem is a field error the catalog page shows by its field.
 */
final class CatalogRules {

  private CatalogRules() {}

  static List<FieldError> of(Image image) {
    List<FieldError> errors = new ArrayList<>(Constraints.check(image));
    if (!List.of("VM", "INFERENCE", "NOTEBOOK", "TRAINING").contains(image.purpose())) {
      errors.add(FieldError.of("purpose", "catalog.error.purpose"));
    }
    return errors;
  }

  static List<FieldError> of(Size size) {
    List<FieldError> errors = new ArrayList<>(Constraints.check(size));
    // Memory is entered in GiB and disk in a field named "disk": checked here, by those names.
    range(errors, "memory", size.memoryMib() / 1024, 1, 8192);
    range(errors, "disk", size.diskGib(), 1, 65536);
    if (size.gpus() > 0) {
      if (size.gpuClass() == null || !size.gpuClass().matches("[0-9a-fA-F]{4}")) {
        errors.add(FieldError.of("gpuClass", "catalog.error.gpuClass"));
      }
      range(errors, "gpuMemory", size.gpuMemoryGib(), 1, 1024);
    }
    return errors;
  }

  static List<FieldError> of(Model model) {
    List<FieldError> errors = new ArrayList<>(Constraints.check(model));
    if (model.parametersBillion() == null
        || model.parametersBillion().signum() <= 0
        || model.parametersBillion().compareTo(new BigDecimal("10000")) > 0) {
      errors.add(FieldError.of("parameters", "catalog.error.range", "0.1", 10000));
    }
    range(errors, "gpuMemory", model.minGpuMemoryGib(), 1, 4096);
    range(errors, "context", model.contextLength(), 512, 10_000_000);
    return errors;
  }

  /** Whether {@code code} is a catalog code: lower case, digits, dots and dashes, 2 to 40. */
  static boolean isCode(String code) {
    return code != null && code.matches("[a-z0-9][a-z0-9.-]{1,39}");
  }

  private static void range(List<FieldError> errors, String field, long value, long min, long max) {
    if (value < min || value > max) {
      errors.add(FieldError.of(field, "catalog.error.range", min, max));
    }
  }
}
