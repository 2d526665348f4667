package eu.federa.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.mail.OutboxMessage.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** A message's way to the mail server: retries with their backoff, at most once. */
class OutboxMessageTest {

  private final Instant now = Instant.parse("2026-12-02T10:00:00Z");
  private final Duration base = Duration.ofSeconds(60);

  private OutboxMessage queued() {
    return new OutboxMessage(new OutgoingMail(1L, "a@b.example", "s", "b"), now, true);
  }

  @Test
  void withoutAMailServerAMessageIsKeptAndNeverSent() {
    OutboxMessage kept =
        new OutboxMessage(new OutgoingMail(1L, "a@b.example", "s", "b"), now, false);
    assertThat(kept.getDelivery()).isEqualTo(Delivery.KEPT);
    assertThatThrownBy(() -> kept.claimed(now.plusSeconds(600)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theWaitDoublesAfterEachFailedAttemptUpToAnHour() {
    assertThat(OutboxMessage.retryAfter(1, base)).isEqualTo(Duration.ofMinutes(1));
    assertThat(OutboxMessage.retryAfter(2, base)).isEqualTo(Duration.ofMinutes(2));
    assertThat(OutboxMessage.retryAfter(3, base)).isEqualTo(Duration.ofMinutes(4));
    assertThat(OutboxMessage.retryAfter(7, base)).isEqualTo(Duration.ofHours(1));
    assertThat(OutboxMessage.retryAfter(40, base)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aTransientFailureIsTriedAgainLaterUntilTheAttemptsAreSpent() {
    OutboxMessage m = queued();
    for (int attempt = 1; attempt < OutboxMessage.MAX_ATTEMPTS; attempt++) {
      m.claimed(now.plusSeconds(600));
      m.attemptFailed(false, "421 4.7.0 try later", now, base);
      assertThat(m.getDelivery()).isEqualTo(Delivery.QUEUED);
      assertThat(m.getNextAttemptAt()).isEqualTo(now.plus(OutboxMessage.retryAfter(attempt, base)));
    }
    m.claimed(now.plusSeconds(600));
    m.attemptFailed(false, "421 4.7.0 try later", now, base);
    assertThat(m.getDelivery()).isEqualTo(Delivery.FAILED);
    assertThat(m.getAttempts()).isEqualTo(OutboxMessage.MAX_ATTEMPTS);
    assertThat(m.getLastError()).isEqualTo("421 4.7.0 try later");
  }

  @Test
  void aRefusalForGoodIsGivenUpAtOnce() {
    OutboxMessage m = queued();
    m.claimed(now.plusSeconds(600));
    m.attemptFailed(true, "550 5.1.1 no such user " + "x".repeat(600), now, base);
    assertThat(m.getDelivery()).isEqualTo(Delivery.FAILED);
    assertThat(m.getNextAttemptAt()).isNull();
    assertThat(m.getLastError()).hasSize(500);
  }

  @Test
  void aMessageHandedBackUnsentKeepsItsAttemptsAndADeliveredOneEndsThere() {
    OutboxMessage m = queued();
    m.claimed(now.plusSeconds(600));
    m.released();
    assertThat(m.getDelivery()).isEqualTo(Delivery.QUEUED);
    assertThat(m.getAttempts()).isZero();
    m.claimed(now.plusSeconds(600));
    m.delivered(now);
    assertThat(m.getDelivery()).isEqualTo(Delivery.SENT);
    assertThat(m.getDeliveredAt()).isEqualTo(now);
    assertThatThrownBy(m::released).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyAMessageThatLeftCanBeReturnedAndOnlyOnce() {
    OutboxMessage m = queued();
    assertThat(m.returned("550 5.1.1")).isFalse();
    m.claimed(now.plusSeconds(600));
    m.delivered(now);
    assertThat(m.returned("Returned: 5.1.1")).isTrue();
    assertThat(m.getDelivery()).isEqualTo(Delivery.RETURNED);
    assertThat(m.getLastError()).isEqualTo("Returned: 5.1.1");
    assertThat(m.returned("again")).isFalse();
    assertThat(m.getLastError()).isEqualTo("Returned: 5.1.1");
  }

  @Test
  void aMessageWhoseSenderStoppedIsUnconfirmedAndNeverClaimedAgain() {
    OutboxMessage m = queued();
    m.claimed(now.plusSeconds(600));
    m.unconfirmed();
    assertThat(m.getDelivery()).isEqualTo(Delivery.UNCONFIRMED);
    assertThat(m.getLastError()).as("no English record: the page explains the state").isNull();
    assertThatThrownBy(() -> m.claimed(now.plusSeconds(600)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void whyAMessageWasNotSentReadsInTheReadersLanguageWithTheServersWordsInIt() throws Exception {
    ResourceBundle german = ResourceBundle.getBundle(BUNDLE, Locale.GERMAN);
    OutboxMessage m = queued();
    m.claimed(now.plusSeconds(600));
    MailServer.Refused refused =
        MailServer.classify(new jakarta.mail.MessagingException("Connection refused"));
    m.attemptFailed(refused.permanent(), refused.getMessage(), now, base);
    assertThat(m.getLastError())
        .as("kept in English, as the logs say it")
        .isEqualTo("The mail server could not be reached: Connection refused");
    assertThat(m.getFailure().in(german))
        .isEqualTo("Der Mailserver war nicht erreichbar: Connection refused");

    OutboxMessage back = queued();
    back.claimed(now.plusSeconds(600));
    back.delivered(now);
    back.returned(
        new DeliveryReports.Report(
                "<outbox-1.sig@federa>", "gone@b.example", true, "5.1.1", "550 User unknown")
            .reason());
    assertThat(back.getFailure().in(german))
        .isEqualTo(
            "Vom Server des Empf\u00e4ngers zur\u00fcckgeschickt f\u00fcr gone@b.example: 5.1.1"
                + " (550 User unknown)");

    OutboxMessage raw = queued();
    raw.claimed(now.plusSeconds(600));
    raw.attemptFailed(false, "421 4.7.0 try later", now, base);
    assertThat(raw.getFailure()).as("not words of the portal: shown as they are").isNull();
  }

  @Test
  void aMessageKeepsTheLanguageItIsWrittenInForItsPageToSay() {
    assertThat(
            new OutboxMessage(new OutgoingMail(1L, "a@b.example", "Betreff", "Text", "de"), now)
                .getLanguage())
        .isEqualTo("de");
    assertThat(queued().getLanguage()).as("unknown").isNull();
  }

  private static final String BUNDLE = "eu.federa.platform.i18n.messages";
}
