package eu.federa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a use case refuses bad input with the reason a form shows by the field. */
public final class Refusals {

  private Refusals() {}

  /** The call is refused with {@code reason} (a message key) among its errors for {@code field}. */
  public static void refused(ThrowingCallable call, String field, String reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field, FieldError::messageKey)
                    .contains(tuple(field, reason)));
  }
}
