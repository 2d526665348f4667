package eu.federa.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real mail server on loopback for the demo and the tests (GreenMail): SMTP, to which the portal
 * delivers its outbox, and IMAP on the next port, where each recipient's mailbox can be read (user
 * and password: the recipient's address).
 */
public final class DemoMailServer implements AutoCloseable {

  private final GreenMail server;
  private final int smtpPort;

  private DemoMailServer(GreenMail server, int smtpPort) {
    this.server = server;
    this.smtpPort = smtpPort;
  }

  /** Starts SMTP on {@code smtpPort} and IMAP on the port after it. */
  public static DemoMailServer start(int smtpPort) {
    Ports.requireFree(smtpPort, "the demo's mail server, SMTP", "FEDERA_SMTP_PORT");
    Ports.requireFree(smtpPort + 1, "the demo's mail server, IMAP", "FEDERA_SMTP_PORT");
    GreenMail server =
        new GreenMail(
            new ServerSetup[] {
              new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(smtpPort + 1, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    server.start();
    return new DemoMailServer(server, smtpPort);
  }

  public int smtpPort() {
    return smtpPort;
  }

  public int imapPort() {
    return smtpPort + 1;
  }

  /** The portal's settings to deliver here (plain SMTP: loopback only). */
  public Map<String, String> portalEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FEDERA_SMTP_HOST", "127.0.0.1");
    env.put("FEDERA_SMTP_PORT", Integer.toString(smtpPort));
    env.put("FEDERA_SMTP_SECURITY", "none");
    env.put("FEDERA_MAIL_FROM", "Federa demo <no-reply@federa.localhost>");
    // Returned mail comes back to this server's bounces mailbox, which the portal reads.
    env.put("FEDERA_MAIL_BOUNCE_ADDRESS", "bounces@federa.localhost");
    env.put(
        "FEDERA_MAIL_BOUNCE_MAILBOX",
        "imap://bounces%40federa.localhost@127.0.0.1:" + imapPort() + "/INBOX");
    env.put("FEDERA_MAIL_BOUNCE_PASSWORD", "bounces@federa.localhost");
    return env;
  }

  /** Every message received so far. */
  public List<MimeMessage> received() {
    return List.of(server.getReceivedMessages());
  }

  @Override
  public void close() {
    server.stop();
  }
}
