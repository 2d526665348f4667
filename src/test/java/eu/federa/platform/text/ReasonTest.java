package eu.federa.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class ReasonTest {

  @Test
  void aReasonReadsInEnglishForTheApiAndInTheReadersLanguageOnPages() {
    Reason reason = Reason.of("bootFailed", "Lutece Cloud", "ACTIVE/BOOT_FAILURE");
    assertThat(reason.english())
        .isEqualTo("The VM failed to start at Lutece Cloud (ACTIVE/BOOT_FAILURE).");
    ResourceBundle french =
        ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.FRENCH);
    assertThat(reason.in(french))
        .isEqualTo("La VM n'a pas pu d\u00e9marrer chez Lutece Cloud (ACTIVE/BOOT_FAILURE).");
  }

  @Test
  void aReasonSurvivesBeingStoredWithItsArguments() {
    Reason reason = Reason.of("providerQuota", "Wisla", "limit VMS: 1, used 1");
    Reason back = Reason.decode(reason.encoded());
    assertThat(back).isEqualTo(reason);
    assertThat(back.english())
        .isEqualTo(
            "Wisla refused the VM: your organisation's quota there is used up (limit VMS: 1,"
                + " used 1).");
    assertThat(Reason.decode(null)).isNull();
  }

  @Test
  void numbersAreShownAsGivenNotGrouped() {
    assertThat(Reason.of("timeLimit", 1440).english())
        .isEqualTo("Ended at its time limit of 1440 minutes.");
  }
}
