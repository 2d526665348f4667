package eu.federa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.Formats;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An audit entry's target is kept as English words (sealed into the chain) and read in each
 * reader's language; names are shown as they are.
 */
class AuditTargetTest {

  private static final String BUNDLE = "eu.federa.platform.i18n.messages";

  private static String read(String kept, Locale language) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language);
    return AuditTarget.read(kept)
        .map(s -> Formats.of(language, null).message(bundle.getString(s.key()), s.arguments()))
        .orElse(kept);
  }

  @Test
  void whatWritersKeepReadsInTheReadersLanguage() {
    Locale german = Locale.GERMAN;
    assertThat(read(AuditTarget.Kind.ORDER.of(12345L), german))
        .as("a number as it is, not grouped like a count")
        .isEqualTo("Bestellung 12345");
    assertThat(read(AuditTarget.Kind.SERVICE_ACCOUNT.of(7L), Locale.FRENCH))
        .isEqualTo("compte de service 7");
    assertThat(read(AuditTarget.imageAtProvider("debian-12", 3), german))
        .isEqualTo("Image debian-12 bei Anbieter 3");
    assertThat(read(AuditTarget.hostOfProvider("node-01.lutece", 3), Locale.FRENCH))
        .isEqualTo("h\u00f4te node-01.lutece du fournisseur 3");
    assertThat(read(AuditTarget.priceListOfProvider(9, 2), Locale.forLanguageTag("pl")))
        .isEqualTo("cennik 9 dostawcy 2");
    assertThat(read(AuditTarget.vmAtProvider(2, 88), Locale.forLanguageTag("fi")))
        .isEqualTo("palveluntarjoaja 2, VM 88");
    assertThat(read(AuditTarget.Kind.SSH_KEY.of("SHA256:q1w2+e3/r4="), Locale.ITALIAN))
        .isEqualTo("chiave SSH SHA256:q1w2+e3/r4=");
    assertThat(read(AuditTarget.Kind.BUDGET.of(YearMonth.of(2026, 10)), Locale.FRENCH))
        .as("a month by its name")
        .isEqualTo("budget octobre 2026");
    assertThat(read(AuditTarget.Word.APPROVAL_THRESHOLD.text(), german))
        .isEqualTo("Genehmigungsschwelle");
    assertThat(read(AuditTarget.Word.BUDGET.text(), Locale.forLanguageTag("es")))
        .isEqualTo("presupuesto");
    assertThat(read(AuditTarget.Kind.ORDER.of(12L), Locale.ENGLISH)).isEqualTo("order 12");
  }

  @Test
  void namesAndOtherTextReadAsTheyAre() {
    for (String kept :
        List.of(
            "Vision",
            "Acme Analytics SAS",
            "mia@acme.example",
            "group=/partners/acme",
            "order twelve",
            "order 12 and more",
            "image debian 12",
            "price list x of provider 2",
            "budget 2026-13",
            "provider 2, VM x")) {
      assertThat(AuditTarget.read(kept)).as(kept).isEmpty();
    }
    assertThat(AuditTarget.read(null)).isEmpty();
    assertThat(AuditTarget.read("")).isEmpty();
  }

  @Test
  void everyFormHasItsWordsInEveryLanguage() {
    List<String> keys =
        Stream.of(
                Arrays.stream(AuditTarget.Kind.values())
                    .map(
                        k ->
                            k == AuditTarget.Kind.BUDGET || k == AuditTarget.Kind.MONTH
                                ? k.of(YearMonth.of(2026, 1))
                                : k.of(1)),
                Arrays.stream(AuditTarget.Word.values()).map(AuditTarget.Word::text),
                Stream.of(
                    AuditTarget.imageAtProvider("a", 1),
                    AuditTarget.hostOfProvider("h", 1),
                    AuditTarget.priceListOfProvider(1, 1),
                    AuditTarget.vmAtProvider(1, 1)))
            .flatMap(s -> s)
            .map(kept -> AuditTarget.read(kept).orElseThrow(() -> new AssertionError(kept)).key())
            .toList();
    assertThat(keys).doesNotHaveDuplicates();
    EveryLanguage.hasEachOf(keys);
  }
}
