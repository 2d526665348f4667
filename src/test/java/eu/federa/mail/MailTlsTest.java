package eu.federa.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.federa.devstack.Ports;
import eu.federa.platform.security.LinkSigner;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: mail leaves over TLS as the settings say, against a real mail server (GreenMail) whose
 * certificate, made here, names 127.0.0.1 and relay.federa.test. The portal's own properties
 * (MailServer.properties) are used as they are; the test only adds its certificate to what the
 * connection trusts, as a relay's certificate from a public authority would be.
 */
class MailTlsTest {

  private static final String PASSWORD = "greenmail-test";

  @TempDir static Path dir;

  private static GreenMail smtps;
  private static GreenMail smtp;
  private static SSLContext trusting;

  @BeforeAll
  static void servers() throws Exception {
    Path keystore = dir.resolve("relay.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "relay",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=relay.federa.test",
                "-ext",
                "SAN=dns:relay.federa.test,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String out = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(out).isZero();
    System.setProperty("greenmail.tls.keystore.file", keystore.toString());
    System.setProperty("greenmail.tls.keystore.password", PASSWORD);
    System.setProperty("greenmail.tls.key.password", PASSWORD);

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trusted.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);

    smtps =
        new GreenMail(new ServerSetup(Ports.anyFree(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    smtps.start();
    smtp = new GreenMail(new ServerSetup(Ports.anyFree(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stop() {
    smtps.stop();
    smtp.stop();
    for (String p : new String[] {"file", "password"}) {
      System.clearProperty("greenmail.tls.keystore." + p);
    }
    System.clearProperty("greenmail.tls.key.password");
  }

  private static final MailServer SERVER = new MailServer();

  static {
    SERVER.signer =
        new LinkSigner() {
          @Override
          public String sign(String purpose, String message) {
            return "test";
          }
        };
  }

  /** The portal's properties for a relay at host:port with the given security, trusting ours. */
  private static Properties settings(String host, int port, String security) {
    try {
      System.setProperty("federa.smtp.host", host);
      System.setProperty("federa.smtp.port", Integer.toString(port));
      System.setProperty("federa.smtp.security", security);
      Properties p = MailServer.properties();
      p.put("mail.smtp.ssl.socketFactory", trusting.getSocketFactory());
      return p;
    } finally {
      for (String name : new String[] {"host", "port", "security"}) {
        System.clearProperty("federa.smtp." + name);
      }
    }
  }

  private static OutboxMessage message(String to, String subject) throws Exception {
    OutboxMessage m =
        new OutboxMessage(new OutgoingMail(1L, to, subject, "body of " + subject), Instant.now());
    var id = OutboxMessage.class.getDeclaredField("id");
    id.setAccessible(true);
    id.set(m, 42L);
    return m;
  }

  @Test
  void implicitTlsDeliversOverAConnectionWhoseCertificateNamesTheRelay() throws Exception {
    SERVER.send(
        message("ops@tenant.example", "over TLS"),
        settings("127.0.0.1", smtps.getSmtps().getPort(), "tls"));
    MimeMessage[] received = smtps.getReceivedMessages();
    assertThat(received).extracting(MimeMessage::getSubject).contains("over TLS");
  }

  @Test
  void aRelayWhoseCertificateNamesAnotherHostIsRefusedAndTriedAgainLater() {
    // "localhost" is not in the certificate: the connection is refused, nothing is sent in clear.
    assertThatThrownBy(
            () ->
                SERVER.send(
                    message("ops@tenant.example", "wrong host"),
                    settings("localhost", smtps.getSmtps().getPort(), "tls")))
        .isInstanceOfSatisfying(
            MailServer.Refused.class,
            refused -> {
              assertThat(refused.permanent()).isFalse();
              assertThat(refused.getMessage()).startsWith("The mail server could not be reached");
            });
    assertThat(smtps.getReceivedMessages())
        .extracting(MimeMessage::getSubject)
        .doesNotContain("wrong host");
  }

  @Test
  void starttlsIsRequiredAndNeverFallsBackToPlainText() {
    // GreenMail's plain SMTP offers no STARTTLS: the message is refused, never sent in clear, and
    // tried again later (the relay may be fixed).
    assertThatThrownBy(
            () ->
                SERVER.send(
                    message("ops@tenant.example", "in clear?"),
                    settings("127.0.0.1", smtp.getSmtp().getPort(), "starttls")))
        .isInstanceOfSatisfying(
            MailServer.Refused.class,
            refused -> {
              assertThat(refused.permanent()).isFalse();
              assertThat(refused.getMessage()).contains("STARTTLS is required");
            });
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
