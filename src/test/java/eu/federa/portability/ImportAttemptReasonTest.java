package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.text.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * What an import's page says when an attempt fails on the portal's own error: while it is tried
 * again, that it is, with the incident id its log line carries; once it is given up, how many
 * attempts failed, with no promise of another. It said "An attempt failed; it is tried again." on
 * an import that had failed for good, with nothing to give support.
 */
class ImportAttemptReasonTest {

  private static final Instant NOW = Instant.parse("2026-12-08T04:00:00Z");

  private static String in(String encoded, Locale locale) {
    return Reason.decode(encoded)
        .in(ResourceBundle.getBundle("eu.federa.platform.i18n.messages", locale));
  }

  private static BundleImport queued() {
    BundleReader.Manifest manifest =
        new BundleReader.Manifest(7L, "Acme", null, "federa-a", NOW, List.of(), "");
    return new BundleImport(
        "upload-1.zip",
        "0".repeat(64),
        manifest,
        true,
        "Acme",
        "FR",
        "FR00000000000",
        "olivia",
        "https://portal.example",
        NOW);
  }

  private static void failOnce(BundleImport i) {
    i.attemptFailed(
        ImportWorker.portalError("3fa2b1c0").encoded(),
        ImportWorker.portalErrorGivenUp("3fa2b1c0").encoded(),
        NOW);
  }

  @Test
  void whileTriedAgainTheReaderIsToldSoWithTheIncidentId() {
    BundleImport i = queued();
    failOnce(i);
    assertThat(i.getState()).isEqualTo(BundleImport.State.QUEUED);
    assertThat(in(i.getReason(), Locale.ROOT))
        .isEqualTo(
            "An attempt failed on an error in the portal and is tried again. If it keeps"
                + " failing, give support this incident id: 3fa2b1c0");
    assertThat(in(i.getReason(), Locale.GERMAN))
        .startsWith("Ein Versuch scheiterte")
        .endsWith("Vorfallsnummer: 3fa2b1c0");
  }

  @Test
  void givenUpItSaysHowManyAttemptsFailedAndPromisesNoOther() {
    BundleImport i = queued();
    for (int n = 0; n < BundleImport.MAX_ATTEMPTS; n++) {
      failOnce(i);
    }
    assertThat(i.getState()).isEqualTo(BundleImport.State.FAILED);
    assertThat(in(i.getReason(), Locale.ROOT))
        .isEqualTo(
            "5 attempts in a row failed on an error in the portal. Give support this incident"
                + " id: 3fa2b1c0");
    assertThat(in(i.getReason(), Locale.forLanguageTag("pl")))
        .isEqualTo(
            "5 pr\u00f3b z rz\u0119du nie powiod\u0142o si\u0119 z powodu b\u0142\u0119du portalu."
                + " Podaj pomocy technicznej ten identyfikator zdarzenia: 3fa2b1c0");
    for (Locale locale : List.of(Locale.ROOT, Locale.FRENCH, Locale.forLanguageTag("fi"))) {
      assertThat(in(i.getReason(), locale)).doesNotContainIgnoringCase("again", "refaite");
    }
  }

  /** The audit trail keeps the English; it reads back as the same reason in another language. */
  @Test
  void theAuditTrailsEnglishReadsBackInTheReadersLanguage() {
    String kept = ImportWorker.portalErrorGivenUp("3fa2b1c0").english();
    Reason read = Reason.ofEnglish(kept, List.of("import.reason.")).orElseThrow();
    assertThat(read.key()).isEqualTo("import.reason.portalErrorGivenUp");
    assertThat(read.in(ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.GERMAN)))
        .isEqualTo(
            "5 Versuche hintereinander scheiterten an einem Fehler im Portal. Nennen Sie dem"
                + " Support diese Vorfallsnummer: 3fa2b1c0");
  }
}
