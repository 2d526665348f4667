package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #13, finding 5: {@code "countries"} holding one code 70 times answered 500 (the column
 * overflowed). Every such list is refused field by field before anything is written.
 */
class OrderFormTest {

  private static OrderForm withCountries(List<String> countries) {
    return new OrderForm("web-01", "ubuntu-24.04", "s-2", countries, null, "key-12345678");
  }

  private static List<FieldError> errorsOf(OrderForm form) {
    try {
      form.check();
      return List.of();
    } catch (InvalidInputException e) {
      return e.errors();
    }
  }

  @Test
  void theSameCountrySeventyTimesIsTooManyNotAServerError() {
    List<FieldError> errors = errorsOf(withCountries(Collections.nCopies(70, "FR")));
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("countries");
              assertThat(e.messageKey()).isEqualTo("validation.tooManyCountries");
            });
  }

  @Test
  void aCountryListedTwiceIsNamed() {
    assertThat(errorsOf(withCountries(List.of("FR", "de", "fr "))))
        .extracting(FieldError::messageKey)
        .containsExactly("validation.duplicateCountry");
  }

  @Test
  void nullsControlCharactersAndLongJunkAreUnknownCountriesCutShort() {
    List<String> sent =
        new ArrayList<>(Arrays.asList(null, "F\u0000R", "\u202eRF", "X".repeat(5000)));
    List<FieldError> errors = errorsOf(withCountries(sent));
    assertThat(errors)
        .hasSize(4)
        .allSatisfy(e -> assertThat(e.messageKey()).isEqualTo("order.error.country"));
    assertThat(errors.get(3).arguments().get(0).toString()).hasSizeLessThan(20);
  }

  @Test
  void aValidListPasses() {
    assertThat(errorsOf(withCountries(List.of("FR", "DE", "PL")))).isEmpty();
  }
}
