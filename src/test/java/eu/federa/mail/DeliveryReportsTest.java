package eu.federa.mail;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.testsupport.MailSamples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a recipient's server sends back when it could not deliver (RFC 3464). */
class DeliveryReportsTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void aFailureReportNamesTheMessageTheRecipientAndTheServersReason() {
    var reports =
        DeliveryReports.of(
            bytes(
                MailSamples.deliveryReport(
                    "bounces@federa.localhost",
                    "<outbox-42.sig@federa>",
                    "gone@mail-it.example",
                    "failed",
                    "5.1.1")));
    assertThat(reports).hasSize(1);
    DeliveryReports.Report r = reports.get(0);
    assertThat(r.originalMessageId()).isEqualTo("<outbox-42.sig@federa>");
    assertThat(r.recipient()).isEqualTo("gone@mail-it.example");
    assertThat(r.failed()).isTrue();
    assertThat(r.status()).isEqualTo("5.1.1");
    assertThat(r.reason())
        .isEqualTo(
            "Returned by the recipient's server for gone@mail-it.example: 5.1.1 (550 5.1.1"
                + " <gone@mail-it.example>: Recipient address rejected: User unknown in virtual"
                + " mailbox table)");
  }

  @Test
  void aDelayIsNotAFailure() {
    var reports =
        DeliveryReports.of(
            bytes(
                MailSamples.deliveryReport(
                    "b@x", "<outbox-1.s@federa>", "slow@mail-it.example", "delayed", "4.4.1")));
    assertThat(reports).singleElement().extracting(DeliveryReports.Report::failed).isEqualTo(false);
  }

  @Test
  void aMessageThatIsNotAReportHasNone() {
    assertThat(
            DeliveryReports.of(
                bytes(
                    "From: someone@mail-it.example\r\nTo: bounces@federa.localhost\r\n"
                        + "Subject: Re: An invitation\r\n\r\nThanks!\r\n")))
        .isEmpty();
    assertThat(DeliveryReports.of(bytes("not a message at all"))).isEmpty();
    assertThat(DeliveryReports.of(new byte[0])).isEmpty();
  }
}
