package eu.federa.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.i18n.ByteSize;
import eu.federa.platform.i18n.Day;
import eu.federa.platform.i18n.Money;
import java.math.BigDecimal;
import java.time.Instant;
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
        .isEqualTo("La VM n\u2019a pas pu d\u00e9marrer chez Lutece Cloud (ACTIVE/BOOT_FAILURE).");
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

  @Test
  void moneyInAStoredReasonReadsInEachLaterReadersFormat() {
    Reason refused =
        Reason.keyed(
            "budget.error.blocked", new Money(new BigDecimal("1234.5")), new Money(BigDecimal.TEN));
    Reason back = Reason.decode(refused.encoded());
    assertThat(back).isEqualTo(refused);
    assertThat(back.english()).startsWith("Your organisation has spent €1,234.50 of its €10.00");
    ResourceBundle french =
        ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.FRENCH);
    assertThat(back.in(french).replace('\u202f', ' ').replace('\u00a0', ' '))
        .contains("1 234,50 €")
        .contains("10,00 €");
    // Given back to an error as the values they were.
    assertThat(back.arguments())
        .containsExactly(new Money(new BigDecimal("1234.5")), new Money(BigDecimal.TEN));
  }

  @Test
  void daysAndSizesAreKeptAsValuesAndTextNeverPassesForOne() {
    Instant noon = Instant.parse("2026-12-07T12:00:00Z");
    Reason kept =
        Reason.keyed(
            "any",
            new Day(noon),
            new ByteSize(2048),
            new eu.federa.platform.i18n.Term("backup.state.READY"),
            "\u0002M1.00");
    assertThat(Reason.decode(kept.encoded()).arguments())
        .containsExactly(
            new Day(noon),
            new ByteSize(2048),
            new eu.federa.platform.i18n.Term("backup.state.READY"),
            " M1.00");
  }

  @Test
  void anEnglishReasonIsFoundAgainWithItsArgumentsAndReadsInAnotherLanguage() {
    java.util.List<String> orders = java.util.List.of("order.reason.");
    Reason quota = Reason.of("providerQuota", "Wisla", "limit VMS: 1, used 1");
    assertThat(Reason.ofEnglish(quota.english(), orders))
        .as("the message with most words of its own, not the plainer refusal that fits too")
        .contains(quota);
    Reason boot = Reason.of("bootFailed", "Lutece Cloud", "ACTIVE/BOOT_FAILURE");
    Reason found = Reason.ofEnglish(boot.english(), orders).orElseThrow();
    assertThat(
            found.in(ResourceBundle.getBundle("eu.federa.platform.i18n.messages", Locale.FRENCH)))
        .isEqualTo("La VM n\u2019a pas pu d\u00e9marrer chez Lutece Cloud (ACTIVE/BOOT_FAILURE).");
    assertThat(Reason.ofEnglish("The provider said no.", orders)).isEmpty();
    assertThat(Reason.ofEnglish(boot.english(), java.util.List.of("move.reason."))).isEmpty();
    assertThat(Reason.ofEnglish(null, orders)).isEmpty();
  }

  @Test
  void everyReasonOfAnOrderOrAMoveIsFoundAgainFromItsEnglish() {
    java.util.List<String> prefixes =
        java.util.List.of("order.reason.", "move.reason.", "import.reason.", "exit.reason.");
    ResourceBundle english =
        ResourceBundle.getBundle(
            "eu.federa.platform.i18n.messages",
            Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    java.util.List<String> keys =
        english.keySet().stream()
            .filter(k -> prefixes.stream().anyMatch(k::startsWith))
            .filter(k -> english.getString(k).replaceAll("\\{\\d}", "").length() >= 8)
            .sorted()
            .toList();
    assertThat(keys).hasSizeGreaterThan(60);
    for (String key : keys) {
      Reason reason = Reason.keyed(key, "Lutece Cloud", "ACTIVE/BOOT_FAILURE", "42");
      assertThat(Reason.ofEnglish(reason.english(), prefixes).map(Reason::key))
          .as(key)
          .contains(key);
    }
  }
}
