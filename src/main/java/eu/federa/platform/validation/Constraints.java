package eu.federa.platform.validation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a form's Bean Validation constraints ({@link Text}, {@link EmailAddress}, {@code @Min},
 * {@code @Max}...) and reports each broken one as a {@link FieldError} carrying its message
 * template and attributes; the template is put into words later, in the reader's language (the
 * service does not know who reads the answer: a page, an API client, a mail).
 */
public final class Constraints {

  private static final Set<String> NOT_ATTRIBUTES = Set.of("message", "groups", "payload");

  /**
   * Messages are templates here: nothing is interpolated (and no expression language is needed).
   */
  private static final Validator VALIDATOR =
      Validation.byDefaultProvider()
          .configure()
          .messageInterpolator(new TemplatesOnly())
          .buildValidatorFactory()
          .getValidator();

  private Constraints() {}

  /** The broken constraints of {@code form}, in the order of its fields. */
  public static List<FieldError> check(Object form) {
    List<String> order = fieldOrder(form.getClass());
    List<ConstraintViolation<Object>> violations = new ArrayList<>(VALIDATOR.validate(form));
    violations.sort(
        Comparator.comparingInt((ConstraintViolation<Object> v) -> index(order, v))
            .thenComparing(v -> v.getPropertyPath().toString()));
    List<FieldError> errors = new ArrayList<>();
    for (ConstraintViolation<Object> v : violations) {
      Map<String, Object> attributes = new HashMap<>();
      v.getConstraintDescriptor()
          .getAttributes()
          .forEach(
              (name, value) -> {
                if (!NOT_ATTRIBUTES.contains(name) && value != null) {
                  attributes.put(name, value);
                }
              });
      errors.add(
          FieldError.constraint(
              v.getPropertyPath().toString(), v.getMessageTemplate(), attributes));
    }
    return errors;
  }

  /** Throws {@link InvalidInputException} naming every broken constraint of {@code form}. */
  public static void require(Object form) {
    List<FieldError> errors = check(form);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  private static List<String> fieldOrder(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      return java.util.Arrays.stream(type.getDeclaredFields()).map(f -> f.getName()).toList();
    }
    return java.util.Arrays.stream(components).map(RecordComponent::getName).toList();
  }

  private static int index(List<String> order, ConstraintViolation<?> v) {
    int i = order.indexOf(v.getPropertyPath().toString());
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private static final class TemplatesOnly implements MessageInterpolator {

    @Override
    public String interpolate(String template, Context context) {
      return template;
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
      return template;
    }
  }
}
