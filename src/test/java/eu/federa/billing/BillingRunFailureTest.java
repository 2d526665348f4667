package eu.federa.billing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.text.Reason;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * A failed billing run tells its platform admins the incident id its log line carries, in their
 * language; it used to show the exception's English text.
 */
class BillingRunFailureTest {

  private static BillingRunQueue.Run run(String state, String result) {
    return new BillingRunQueue.Run(
        7, YearMonth.of(2026, 11), state, "olivia", Instant.EPOCH, Instant.EPOCH, 0, 0, result);
  }

  @Test
  void aFailedRunSaysWhereTheLogHasItInTheReadersLanguage() {
    String kept = Reason.keyed("billingRun.reason.portalError", "3fa2b1c0").encoded();
    Reason failure = run("FAILED", kept).failure();
    assertThat(failure).isNotNull();
    assertThat(failure.english())
        .isEqualTo(
            "The run stopped on an error in the portal; the log has it under incident 3fa2b1c0.");
    assertThat(
            failure.in(ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.FRENCH)))
        .startsWith("La valorisation s\u2019est arr\u00eat\u00e9e")
        .endsWith("l\u2019incident 3fa2b1c0.");
  }

  @Test
  void anOlderFailedRunsTextAndAFinishedRunsUnpricedUsageAreNoFailureReason() {
    assertThat(run("FAILED", "Deadlock found when trying to get lock").failure()).isNull();
    assertThat(run("DONE", null).failure()).isNull();
    assertThat(run("DONE", "billingRun.reason.portalError-like text").failure())
        .as("only a failed run has one")
        .isNull();
  }
}
