package eu.federa.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VatIdTest {

  @ParameterizedTest(name = "{0} {1} is valid as {2}")
  @CsvSource({
    "FR, FR 40 303 265 045, FR40303265045",
    "DE, de-129273398, DE129273398",
    "AT, ATU13585627, ATU13585627",
    "NL, NL004495445B01, NL004495445B01",
    "GR, EL094014201, EL094014201",
    "ES, ESA28015865, ESA28015865",
    "IE, IE6388047V, IE6388047V",
    "PL, PL5260250995, PL5260250995",
    "SE, SE556703748501, SE556703748501",
    "IT, IT00743110157, IT00743110157"
  })
  void wellFormedNumbersAreAcceptedAndNormalised(String country, String text, String normalised) {
    assertThat(VatId.parse(country, text))
        .hasValueSatisfying(v -> assertThat(v.value()).isEqualTo(normalised));
  }

  @ParameterizedTest(name = "{0} {1} is refused")
  @CsvSource({
    "FR, FR4030326504", // one digit short
    "FR, DE129273398", // another country's prefix
    "DE, DE12927339X", // a letter where Germany has digits
    "GR, GR094014201", // Greece's prefix is EL
    "AT, AT13585627", // Austria needs the U
    "NL, NL004495445C01", // B is fixed
    "US, US123456789", // not an EU member state
    "FR, ''"
  })
  void malformedNumbersAreRefused(String country, String text) {
    assertThat(VatId.parse(country, text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"FR, true", "GR, true", "EL, false", "NO, false", "US, false"})
  void knownCountriesAreTheEuMemberStates(String country, boolean known) {
    assertThat(VatId.knowsCountry(country)).isEqualTo(known);
  }
}
