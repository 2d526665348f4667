package eu.federa.portability;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * Why an exit's step is tried again, as its admins read it: a refusal in the bundles' words, or the
 * portal's own error with the incident id its log line carries, never the exception's text (a class
 * name and a library's English, at times SQL, set into the reader's sentence).
 */
class ExitProblemReasonTest {

  @Test
  void thePortalsOwnErrorGivesTheIncidentIdNotTheExceptionsText() {
    Reason reason =
        ExitWorker.problem(
            new IllegalStateException("could not execute statement [Deadlock found]"), "3fa2b1c0");
    assertThat(reason.english())
        .isEqualTo(
            "This step failed on an error in the portal and is tried again in a few minutes. If"
                + " it keeps failing, give support this incident id: 3fa2b1c0");
    String german =
        reason.in(ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.GERMAN));
    assertThat(german).endsWith("Vorfallsnummer: 3fa2b1c0").doesNotContain("Deadlock", "Illegal");
  }

  @Test
  void aRefusalKeepsItsOwnMessage() {
    Reason reason =
        ExitWorker.problem(new ConflictException("exit.error.date", "someday"), "3fa2b1c0");
    assertThat(reason.key()).isEqualTo("exit.error.date");
    assertThat(reason.english()).doesNotContain("3fa2b1c0").contains("someday");
  }
}
