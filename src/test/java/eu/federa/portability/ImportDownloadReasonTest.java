package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.registry.DiskExports;
import eu.federa.cloud.registry.ResumableCopy;
import eu.federa.platform.text.Reason;
import java.io.IOException;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * Why an imported VM's disk could not be had is said wholly in the bundles' words: the walk found a
 * French page reading "Le disque de shop-1 n’a pas pu être téléchargé : the copy of shop-1 was cut
 * 5 times: ...", the transfer's own English message set in a French sentence.
 */
class ImportDownloadReasonTest {

  private static String french(Reason reason) {
    return reason.in(ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.FRENCH));
  }

  @Test
  void aTransferCutTimeAfterTimeSaysHowOften() {
    Reason reason =
        ImportWorker.downloadFailed(
            "shop-1", new ResumableCopy.Cut("shop-1", 5, new IOException("Connection reset")));
    assertThat(reason.english())
        .isEqualTo(
            "The disk of shop-1 could not be downloaded: the transfer was cut 5 times in a row.");
    assertThat(french(reason))
        .isEqualTo(
            "Le disque de shop-1 n\u2019a pas pu \u00eatre t\u00e9l\u00e9charg\u00e9\u00a0: le"
                + " transfert a \u00e9t\u00e9 coup\u00e9 5 fois de suite.");
  }

  @Test
  void aServerThatRefusesIsNamedByItsAnswerEvenAfterRetries() {
    DiskExports.Refused missing = new DiskExports.Refused(404, "https://disks.example/shop-1");
    assertThat(ImportWorker.downloadFailed("shop-1", missing).english())
        .isEqualTo("The disk of shop-1 could not be downloaded: its server answered 404.");
    assertThat(
            ImportWorker.downloadFailed("shop-1", new ResumableCopy.Cut("shop-1", 5, missing))
                .english())
        .isEqualTo("The disk of shop-1 could not be downloaded: its server answered 404.");
  }

  @Test
  void anyOtherFailureSaysTheServerCouldNotBeReachedAndKeepsItsEnglishToTheLog() {
    Reason reason = ImportWorker.downloadFailed("shop-1", new IOException("Connection refused"));
    assertThat(reason.english())
        .isEqualTo("The disk of shop-1 could not be downloaded: its server could not be reached.");
    assertThat(french(reason)).doesNotContain("Connection");
  }
}
