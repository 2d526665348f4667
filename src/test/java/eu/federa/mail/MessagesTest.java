package eu.federa.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.i18n.ByteSize;
import eu.federa.platform.i18n.Day;
import eu.federa.platform.i18n.Money;
import eu.federa.platform.i18n.SupportedLanguages;
import eu.federa.platform.text.TextTemplate;
import eu.federa.testsupport.Typography;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {

  private static Map<String, Object> valuesFor(MailTemplate template) {
    Map<String, Object> values = new HashMap<>();
    template.placeholders().forEach(name -> values.put(name, "<" + name + ">"));
    return values;
  }

  @Test
  void everyMessageExistsInEveryLanguageWithExactlyItsPlaceholders() {
    for (MailTemplate template : MailTemplate.values()) {
      for (Locale language : SupportedLanguages.ALL) {
        String text = Messages.read(template, language.getLanguage());
        assertThat(TextTemplate.placeholders(text))
            .as("%s in %s", template, language)
            .isEqualTo(template.placeholders());
        Messages.Rendered message = Messages.render(template, language, valuesFor(template));
        assertThat(message.subject()).isNotBlank().doesNotContain("\n");
        assertThat(message.body()).isNotBlank().doesNotContain("{");
      }
    }
  }

  /**
   * A mail quotes and punctuates as its language does, as the bundles do (SupportedLanguagesTest):
   * the language's quotation marks, ’ inside a word, French marks kept with their words.
   */
  @Test
  void everyMailQuotesAndPunctuatesAsItsLanguageDoes() {
    java.util.List<String> found = new java.util.ArrayList<>();
    for (MailTemplate template : MailTemplate.values()) {
      for (Locale language : SupportedLanguages.ALL) {
        if (language.equals(SupportedLanguages.FALLBACK)) {
          continue;
        }
        String text = Messages.read(template, language.getLanguage());
        String where = template + " " + language + ": ";
        Typography.typewriterApostrophe(text).ifPresent(m -> found.add(where + m));
        Typography.typewriterQuote(text).ifPresent(m -> found.add(where + m));
        if (language.getLanguage().equals("fr")) {
          Typography.breakableFrenchPunctuation(text).ifPresent(m -> found.add(where + m));
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void anInvitationSaysWhoWhatAndUntilWhenInTheRecipientsLanguage() {
    Map<String, Object> values =
        Map.of(
            "tenant",
            "Acme SAS",
            "role",
            new Messages.Label("role.TENANT_ADMIN"),
            "link",
            "https://portal.example.eu/federa/join/abc",
            "expires",
            java.time.Instant.parse("2026-12-08T10:00:00Z"));
    Messages.Rendered en = Messages.render(MailTemplate.INVITATION, Locale.ENGLISH, values);
    assertThat(en.subject()).isEqualTo("You are invited to join Acme SAS on Federa");
    assertThat(en.body())
        .contains("with the role Administrator.")
        .contains("https://portal.example.eu/federa/join/abc")
        .as("the moment in the recipient's language, its zone said")
        .contains("until Dec 8, 2026, 10:00:00 AM UTC.");
    Messages.Rendered fr = Messages.render(MailTemplate.INVITATION, Locale.FRENCH, values);
    assertThat(fr.subject()).isEqualTo("Vous êtes invité à rejoindre Acme SAS sur Federa");
    assertThat(fr.body())
        .contains("avec le rôle Administrateur.")
        .contains("jusqu\u2019au 8 déc. 2026, 10:00:00 UTC.");
    Messages.Rendered inBerlin =
        Messages.render(
            MailTemplate.INVITATION, Locale.GERMAN, java.time.ZoneId.of("Europe/Berlin"), values);
    assertThat(inBerlin.body())
        .as("in the time zone the recipient chose, said so")
        .contains("08.12.2026, 11:00:00 MEZ");
  }

  @Test
  void aBudgetAlertWritesItsAmountsAsTheRecipientsLanguageDoes() {
    Map<String, Object> values =
        Map.of(
            "tenant",
            "Acme SAS",
            "threshold",
            80,
            "month",
            java.time.YearMonth.of(2026, 12),
            "spentEur",
            new Money(new java.math.BigDecimal("8123.4")),
            "budgetEur",
            new Money(new java.math.BigDecimal("10000")),
            "percent",
            81,
            "forecastEur",
            new Money(new java.math.BigDecimal("12000.005")));
    assertThat(Messages.render(MailTemplate.BUDGET_ALERT, Locale.ENGLISH, values).body())
        .contains("has spent \u20ac8,123.40 of its \u20ac10,000.00 budget")
        .contains("ends at \u20ac12,000.00.")
        .contains("for December 2026 (81 %)");
    assertThat(Messages.render(MailTemplate.BUDGET_ALERT, Locale.GERMAN, values).body())
        .contains("hat 8.123,40\u00a0\u20ac seines Budgets von 10.000,00\u00a0\u20ac")
        .doesNotContain("EUR");
    assertThat(Messages.render(MailTemplate.BUDGET_BLOCKED, Locale.FRENCH, values).body())
        .contains("a d\u00e9pens\u00e9 8\u202f123,40\u00a0\u20ac sur son budget")
        .contains("pour d\u00e9cembre 2026")
        .doesNotContain("EUR");
  }

  @Test
  void anExitsDaysAndAnExportsSizeAreWrittenAsTheRecipientsLanguageDoes() {
    Map<String, Object> exit =
        Map.of(
            "tenant", "Acme SAS",
            "transitionStarts", new Day(java.time.Instant.parse("2026-12-01T08:00:00Z")),
            "transitionEnds", new Day(java.time.Instant.parse("2027-01-30T23:59:59Z")),
            "retrievalEnds", new Day(java.time.Instant.parse("2027-03-01T23:59:59Z")));
    assertThat(
            Messages.render(
                    MailTemplate.EXIT_FILED, Locale.GERMAN, MailTemplate.EXIT_FILED.only(exit))
                .body())
        .contains("30.01.2027")
        .doesNotContain("2027-01-30");
    Map<String, Object> export =
        Map.of(
            "tenant",
            "Acme SAS",
            "files",
            12,
            "size",
            new ByteSize(12_900_000),
            "expires",
            new Day(java.time.Instant.parse("2026-12-21T10:00:00Z")));
    assertThat(Messages.render(MailTemplate.EXPORT_READY, Locale.FRENCH, export).body())
        .contains("12 fichiers, 12,3\u00a0Mio")
        .contains("21 déc. 2026");
    assertThat(Messages.render(MailTemplate.EXPORT_READY, Locale.ENGLISH, export).body())
        .contains("12 files, 12.3\u00a0MiB")
        .contains("Dec 21, 2026 (UTC)");
  }

  @Test
  void aNameWithLineBreaksCannotAddHeadersToTheSubject() {
    Map<String, Object> values = valuesFor(MailTemplate.ONBOARDING_APPROVED);
    values.put("tenant", "Acme\r\nBcc: everyone@example.eu");
    Messages.Rendered message =
        Messages.render(MailTemplate.ONBOARDING_APPROVED, Locale.ENGLISH, values);
    assertThat(message.subject())
        .isEqualTo("Your organisation Acme Bcc: everyone@example.eu can use Federa");
  }

  @Test
  void aMissingValueIsAnErrorNotAGapInTheMessage() {
    assertThatThrownBy(
            () -> Messages.render(MailTemplate.APPROVAL_EXPIRED, Locale.ENGLISH, Map.of("days", 7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{order}");
  }
}
