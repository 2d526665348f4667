package eu.federa.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which failures of SMTP are worth trying again, and what the outbox says of them. */
class MailServerTest {

  @Test
  void aRecipientTheServerRejectsIsRefusedForGoodWithItsAnswer() throws Exception {
    MessagingException rejected =
        new MessagingException("550 5.1.1 <x@b.example>: Recipient address rejected");
    SendFailedException e =
        new SendFailedException(
            "Invalid Addresses",
            rejected,
            new Address[0],
            new Address[0],
            new Address[] {new InternetAddress("x@b.example")});
    MailServer.Refused refused = MailServer.classify(e);
    assertThat(refused.permanent()).isTrue();
    assertThat(refused.getMessage())
        .isEqualTo("The mail server answered 550 5.1.1 <x@b.example>: Recipient address rejected");
  }

  @Test
  void aReplyInTheFourHundredsIsTriedAgain() {
    MailServer.Refused refused =
        MailServer.classify(new MessagingException("421 4.7.0 Try again later, closing"));
    assertThat(refused.permanent()).isFalse();
    assertThat(refused.getMessage()).contains("421 4.7.0 Try again later");
  }

  @Test
  void anUnreachableServerOrARefusedLoginIsTriedAgain() {
    MailServer.Refused unreachable =
        MailServer.classify(
            new MessagingException(
                "Couldn't connect to host, port: 127.0.0.1, 1; timeout 10000",
                new ConnectException("Connection refused")));
    assertThat(unreachable.permanent()).isFalse();
    assertThat(unreachable.getMessage())
        .startsWith("The mail server could not be reached: Couldn't connect to host")
        .endsWith("Connection refused");
    MailServer.Refused login =
        MailServer.classify(new AuthenticationFailedException("535 5.7.8 bad credentials"));
    assertThat(login.permanent()).isFalse();
    assertThat(login.getMessage()).startsWith("The mail server refused the account");
  }

  @Test
  void aMalformedAddressIsRefusedForGood() {
    MailServer.Refused refused =
        MailServer.classify(new AddressException("Illegal address", "a b"));
    assertThat(refused.permanent()).isTrue();
    assertThat(refused.getMessage()).startsWith("Not a valid address");
  }

  @Test
  void theConnectionIsProtectedAsTheSettingSays() {
    try {
      System.setProperty("federa.smtp.host", "relay.example.eu");
      System.setProperty("federa.smtp.port", "587");
      System.setProperty("federa.smtp.security", "starttls");
      var starttls = MailServer.properties();
      assertThat(starttls)
          .containsEntry("mail.smtp.host", "relay.example.eu")
          .containsEntry("mail.smtp.port", "587")
          .containsEntry("mail.smtp.starttls.enable", "true")
          .containsEntry("mail.smtp.starttls.required", "true")
          .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
          .containsEntry("mail.smtp.auth", "false")
          .doesNotContainKey("mail.smtp.ssl.enable");
      System.setProperty("federa.smtp.security", "tls");
      System.setProperty("federa.smtp.username", "portal");
      assertThat(MailServer.properties())
          .containsEntry("mail.smtp.ssl.enable", "true")
          .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
          .containsEntry("mail.smtp.auth", "true")
          .doesNotContainKey("mail.smtp.starttls.enable");
      System.setProperty("federa.smtp.security", "none");
      assertThat(MailServer.properties())
          .doesNotContainKey("mail.smtp.ssl.enable")
          .doesNotContainKey("mail.smtp.starttls.enable")
          .doesNotContainKey("mail.smtp.ssl.checkserveridentity");
    } finally {
      for (String name : new String[] {"host", "port", "security", "username"}) {
        System.clearProperty("federa.smtp." + name);
      }
    }
  }

  @Test
  void aMessageGoesToOneAddressOnlyAndItsSubjectStaysOnOneLine() throws Exception {
    assertThat(MailServer.recipient("Inès <ines@b.example>").getAddress())
        .isEqualTo("ines@b.example");
    for (String notOne : new String[] {"a@b.example, c@d.example", "", "a@b.example;c@d.example"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> MailServer.recipient(notOne))
          .as(notOne)
          .isInstanceOf(AddressException.class);
    }
    assertThat(MailServer.oneLine("Join Acme\r\nBcc: victim@x.example\n"))
        .isEqualTo("Join Acme Bcc: victim@x.example");
  }

  @Test
  void onlyAFourOrFiveHundredAnswerIsAReplyCode() {
    assertThat(MailServer.codeOf("550 5.1.1 no")).isEqualTo(550);
    assertThat(MailServer.codeOf("451-4.3.0 later")).isEqualTo(451);
    assertThat(MailServer.codeOf("250 OK")).isNull();
    assertThat(MailServer.codeOf("5500 x")).isNull();
    assertThat(MailServer.codeOf("55")).isNull();
    assertThat(MailServer.codeOf(null)).isNull();
  }
}
