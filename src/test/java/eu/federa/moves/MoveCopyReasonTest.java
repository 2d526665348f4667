package eu.federa.moves;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.registry.DiskExports;
import eu.federa.cloud.registry.DiskTransfer;
import eu.federa.cloud.registry.ResumableCopy;
import eu.federa.platform.text.Reason;
import java.io.IOException;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * Why a move's disk copy was given up is said wholly in the bundles' words. Before, the copy's own
 * English ("vm-7: its MD5 is 1f…, the provider states 9a…") was set into the reader's sentence, as
 * the import's was before it.
 */
class MoveCopyReasonTest {

  private static String in(Locale language, Reason reason) {
    return reason.in(ResourceBundle.getBundle("eu.federa.platform.i18n.messages", language));
  }

  @Test
  void bytesThatDoNotMatchTheirChecksumAreSaidSoWithoutTheChecksums() {
    Reason reason =
        MoveWorker.copyFailed(
            "Lutece", new DiskTransfer.Mismatch("vm-7: its MD5 is 1f, the provider states 9a"));
    assertThat(reason.english())
        .isEqualTo(
            "The disk could not be copied from Lutece: what arrived did not match its checksum,"
                + " several times in a row.");
    assertThat(in(Locale.FRENCH, reason))
        .startsWith("Le disque n\u2019a pas pu \u00eatre copi\u00e9 depuis Lutece\u00a0: ")
        .doesNotContain("MD5");
  }

  @Test
  void aTransferCutTimeAfterTimeSaysHowOften() {
    Reason reason =
        MoveWorker.copyFailed(
            "Lutece", new ResumableCopy.Cut("vm-7", 5, new IOException("Connection reset")));
    assertThat(reason.english())
        .isEqualTo(
            "The disk could not be copied from Lutece: the transfer was cut 5 times in a row.");
    assertThat(in(Locale.GERMAN, reason))
        .isEqualTo(
            "Die Festplatte konnte nicht von Lutece kopiert werden: die \u00dcbertragung wurde"
                + " 5-mal hintereinander abgebrochen.");
  }

  @Test
  void aServerThatAnswersWithoutTheDiskIsNamedByItsAnswerEvenAfterCuts() {
    DiskExports.Refused gone = new DiskExports.Refused(410, "https://lutece.example/app/7");
    assertThat(MoveWorker.copyFailed("Lutece", gone).english())
        .isEqualTo("The disk could not be copied from Lutece: its server answered 410.");
    assertThat(MoveWorker.copyFailed("Lutece", new ResumableCopy.Cut("vm-7", 5, gone)).english())
        .isEqualTo("The disk could not be copied from Lutece: its server answered 410.");
  }

  @Test
  void anyOtherFailureSaysTheServerCouldNotBeReachedAndKeepsItsEnglishToTheLog() {
    Reason reason = MoveWorker.copyFailed("Lutece", new IOException("Connection refused"));
    assertThat(reason.english())
        .isEqualTo(
            "The disk could not be copied from Lutece: its server could not be reached, several"
                + " times in a row.");
    assertThat(reason.args()).containsExactly("Lutece");
    assertThat(in(new Locale("pl"), reason)).doesNotContain("Connection");
  }
}
