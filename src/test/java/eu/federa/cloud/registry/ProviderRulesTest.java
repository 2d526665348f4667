package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.validation.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ProviderRulesTest {

  private static final ResourceBundle NONE =
      new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
          return new Object[0][];
        }
      };

  private static ProviderForm form(
      BigDecimal latitude, String endpoint, String secret, String notes, String console) {
    return new ProviderForm(
        "Nordcloud",
        "Nordcloud Oy",
        "FI",
        "Helsinki",
        latitude,
        new BigDecimal("24.94"),
        "EU",
        List.of("ISO 27001"),
        endpoint,
        "oneadmin",
        secret,
        true,
        false,
        notes,
        null,
        console);
  }

  private static List<String> problems(ProviderForm form, boolean creating) {
    return ProviderRules.check(form, creating).stream()
        .map(e -> e.field() + ":" + e.messageKey())
        .toList();
  }

  @Test
  void aGoodProviderPasses() {
    assertThat(
            problems(
                form(
                    new BigDecimal("60.17"),
                    "https://one.example.eu:2633/RPC2",
                    "s3cret",
                    "Main site.\nSecond line.",
                    "https://console.example.eu/vm/{vmId}"),
                true))
        .isEmpty();
    // Plain HTTP on this machine (the simulator), a blank secret on an update.
    assertThat(problems(form(BigDecimal.ZERO, "http://127.0.0.1:2633/RPC2", "", null, ""), false))
        .isEmpty();
  }

  @Test
  void eachBadFieldIsReportedByItsConstraint() {
    assertThat(
            problems(
                form(
                    new BigDecimal("91"),
                    "http://one.example.eu:2633/RPC2",
                    "x".repeat(501),
                    "n".repeat(2001),
                    "https://console.example.eu/vm"),
                true))
        .containsExactlyInAnyOrder(
            "latitude:{federa.range}",
            "endpointUrl:{federa.provider.httpsRequired}",
            "apiSecret:{federa.text.length}",
            "notes:{federa.text.length}",
            "consoleUrl:{federa.provider.consoleUrl}");
    assertThat(problems(form(null, "ftp://one.example.eu", null, null, null), true))
        .containsExactlyInAnyOrder(
            "latitude:{federa.text.required}",
            "endpointUrl:{federa.provider.endpoint}",
            "apiSecret:form.error.required");
    assertThat(problems(form(BigDecimal.ONE, " ", "s", null, null), true))
        .containsExactly("endpointUrl:{federa.text.required}");
  }

  @Test
  void theMessagesReadInTheAdminsLanguage() {
    List<FieldError> errors =
        ProviderRules.check(
            form(new BigDecimal("-95.5"), "http://10.0.0.5/RPC2", "s", null, "x"), true);
    assertThat(errors.stream().map(e -> e.text(NONE, Locale.FRENCH)))
        .containsExactlyInAnyOrder(
            "Saisissez un nombre de -90 \u00e0 90.",
            "Hors de cette machine, l\u2019adresse doit \u00eatre en https\u00a0: les identifiants du"
                + " fournisseur accompagnent chaque appel.",
            "Une adresse https d\u2019au plus 500 caract\u00e8res contenant {vmId}.");
  }
}
