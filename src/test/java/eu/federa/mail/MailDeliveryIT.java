package eu.federa.mail;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.devstack.TestStack;
import eu.federa.testsupport.Deployments;
import eu.federa.testsupport.InContainerTest;
import eu.federa.testsupport.MailSamples;
import eu.federa.testsupport.TeamFixture;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.UserTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue #18: the outbox leaves the building. The tests' stack runs a real mail server (GreenMail,
 * SMTP and IMAP on loopback); the portal delivers to it by SMTP and the tests read the recipients'
 * mailboxes back by IMAP.
 */
class MailDeliveryIT extends InContainerTest {

  @Deployment
  static WebArchive portal() {
    return Deployments.inContainer();
  }

  @Inject Mailer mailer;
  @Inject MailDeliverySteps steps;
  @Inject TeamFixture fixture;

  @Resource UserTransaction tx;
  @Resource ManagedExecutorService executor;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  private long send(String recipient, String subject, String body) throws Exception {
    tx.begin();
    mailer.send(new OutgoingMail(null, recipient, subject, body));
    tx.commit();
    return (Long) fixture.single("SELECT id FROM outbox_message WHERE subject = ?1", subject);
  }

  private String delivery(long id) {
    return (String) fixture.single("SELECT delivery FROM outbox_message WHERE id = ?1", id);
  }

  private long attempts(long id) {
    return (Long) fixture.single("SELECT attempts FROM outbox_message WHERE id = ?1", id);
  }

  private String lastError(long id) {
    return (String) fixture.single("SELECT last_error FROM outbox_message WHERE id = ?1", id);
  }

  /** The messages of a mailbox with this subject, read by IMAP (GreenMail: password = address). */
  private static List<Message> mailbox(String address, String subject) throws Exception {
    Session session = Session.getInstance(new Properties());
    try (Store store = session.getStore("imap")) {
      try {
        store.connect("127.0.0.1", TestStack.MAIL_SMTP_PORT + 1, address, address);
      } catch (jakarta.mail.AuthenticationFailedException noMailboxYet) {
        return List.of(); // GreenMail makes a mailbox when the first message for it arrives
      }
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<Message> found = new ArrayList<>();
      for (Message m : inbox.getMessages()) {
        if (subject.equals(m.getSubject())) {
          found.add(new MimeMessage((MimeMessage) m)); // a copy, read while the folder is open
        }
      }
      return found;
    }
  }

  @Test
  void aMessageIsDeliveredOnceAndArrivesWhole() throws Exception {
    String to = "ines-" + tag + "@mail-it.example";
    String subject = "Invitation à Acme " + tag;
    long id = send(to, subject, "Bonjour Inès,\nrejoignez l'équipe : https://portal/join/abc");

    eventually(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(id)));
    assertThat(attempts(id)).isEqualTo(1);
    assertThat(
            fixture.single("SELECT delivered_at IS NOT NULL FROM outbox_message WHERE id = ?1", id))
        .isEqualTo(1L);

    List<Message> arrived = mailbox(to, subject);
    assertThat(arrived).hasSize(1);
    Message m = arrived.get(0);
    assertThat(m.getFrom()[0].toString()).isEqualTo("no-reply@federa.localhost");
    assertThat(m.getHeader("Message-ID")[0])
        .matches("<outbox-" + id + "\\.[A-Za-z0-9_-]{43}@federa>");
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(m.getContentType()).containsIgnoringCase("charset=UTF-8");
    assertThat(
            new String(m.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\r\n", "\n"))
        .isEqualTo("Bonjour Inès,\nrejoignez l'équipe : https://portal/join/abc");
  }

  /** Sends a message, as another server would, into the tests' mail server. */
  private static void deliverToTheMailServer(String to, String raw) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", Integer.toString(TestStack.MAIL_SMTP_PORT));
    Session session = Session.getInstance(p);
    MimeMessage m =
        new MimeMessage(
            session,
            new java.io.ByteArrayInputStream(
                raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    // As received, unchanged (Transport.send would rewrite its headers first).
    try (jakarta.mail.Transport smtp = session.getTransport("smtp")) {
      smtp.connect();
      smtp.sendMessage(m, new jakarta.mail.Address[] {new InternetAddress(to)});
    }
  }

  /**
   * The recipient's server takes the message, then returns it: its delivery report, sent to the
   * envelope sender's mailbox, marks the message returned with the server's reason. A report that
   * names a message with a made-up signature changes nothing.
   */
  @Test
  void aMessageTheRecipientsServerReturnsIsMarkedReturnedWithItsReason() throws Exception {
    String bounces = "bounces@federa.localhost";
    String to = "gone-" + tag + "@mail-it.example";
    String subject = "Returned " + tag;
    long id = send(to, subject, "x");
    eventually(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(id)));
    MimeMessage arrived = (MimeMessage) mailbox(to, subject).get(0);
    assertThat(arrived.getHeader("Return-Path")).containsExactly("<" + bounces + ">");
    String messageId = arrived.getHeader("Message-ID")[0];

    String other = "here-" + tag + "@mail-it.example";
    long kept = send(other, "Kept " + tag, "x");
    eventually(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(kept)));
    deliverToTheMailServer(
        bounces,
        MailSamples.deliveryReport(
            bounces, "<outbox-" + kept + ".forgedSignature@federa>", other, "failed", "5.1.1"));
    deliverToTheMailServer(
        bounces, MailSamples.deliveryReport(bounces, messageId, to, "failed", "5.1.1"));

    eventually(Duration.ofSeconds(30)).until(() -> "RETURNED".equals(delivery(id)));
    assertThat(lastError(id))
        .isEqualTo(
            "Returned by the recipient's server for "
                + to
                + ": 5.1.1 (550 5.1.1 <"
                + to
                + ">: Recipient address rejected: User unknown in virtual mailbox table)");
    // The report was handled and deleted; the forged one is left in the mailbox, unheeded.
    eventually(Duration.ofSeconds(30))
        .until(() -> mailbox(bounces, "Undelivered Mail Returned to Sender").size() == 1);
    assertThat(delivery(kept)).isEqualTo("SENT");
  }

  @Test
  void anUnreachableMailServerIsTriedAgainLaterAndTheMessageThenArrives() throws Exception {
    String to = "omar-" + tag + "@mail-it.example";
    String subject = "Budget alert " + tag;
    System.setProperty("federa.smtp.port", "1"); // nothing listens there
    long id;
    try {
      id = send(to, subject, "80 % of the budget is spent.");
      eventually(Duration.ofSeconds(30))
          .until(() -> attempts(id) >= 1 && "QUEUED".equals(delivery(id)));
      assertThat(lastError(id)).startsWith("The mail server could not be reached");
      assertThat(
              fixture.single(
                  "SELECT next_attempt_at > created_at FROM outbox_message WHERE id = ?1", id))
          .isEqualTo(1L);
      assertThat(mailbox(to, subject)).isEmpty();
    } finally {
      System.setProperty("federa.smtp.port", Integer.toString(TestStack.MAIL_SMTP_PORT));
    }
    eventually(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(id)));
    assertThat(attempts(id)).isGreaterThanOrEqualTo(2);
    assertThat(lastError(id)).isNull();
    assertThat(mailbox(to, subject)).hasSize(1);
  }

  @Test
  void anAddressNoServerCanTakeIsGivenUpAtOnceWithTheReason() throws Exception {
    long id = send("not an address " + tag, "Lost " + tag, "x");
    eventually(Duration.ofSeconds(30)).until(() -> "FAILED".equals(delivery(id)));
    assertThat(attempts(id)).isEqualTo(1);
    assertThat(lastError(id)).startsWith("Not a valid address");
  }

  /**
   * A node stopped while it was handing a message to the mail server: nobody knows whether it
   * arrived, so it is marked unconfirmed once the claim runs out, and never sent a second time.
   */
  @Test
  void aMessageWhoseNodeStoppedWhileSendingItIsNotSentAgain() throws Exception {
    String subject = "Half sent " + tag;
    fixture.execute(
        "INSERT INTO outbox_message (recipient, subject, body, created_at, delivery, attempts,"
            + " lease_until) VALUES (?1, ?2, 'x', UTC_TIMESTAMP(6), 'SENDING', 1,"
            + " UTC_TIMESTAMP(6) - INTERVAL 1 SECOND)",
        "lost-" + tag + "@mail-it.example",
        subject);
    long id = (Long) fixture.single("SELECT id FROM outbox_message WHERE subject = ?1", subject);
    eventually(Duration.ofSeconds(30)).until(() -> "UNCONFIRMED".equals(delivery(id)));
    assertThat(lastError(id)).as("the state says why, in each reader's words").isNull();
    throughout(Duration.ofSeconds(2))
        .until(() -> "UNCONFIRMED".equals(delivery(id)) && attempts(id) == 1);
  }

  /**
   * Two nodes claiming at the same moment (and this node's own worker) never take one message
   * twice.
   */
  @Test
  void claimsAtTheSameMomentNeverTakeTheSameMessage() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(send("many-" + i + "-" + tag + "@mail-it.example", "Many " + i + " " + tag, "x"));
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Long>>> nodes = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      nodes.add(
          executor.submit(
              () -> {
                go.await();
                List<Long> mine = new ArrayList<>();
                for (List<Long> c = steps.claim(5, Duration.ofMinutes(10));
                    !c.isEmpty();
                    c = steps.claim(5, Duration.ofMinutes(10))) {
                  mine.addAll(c);
                }
                return mine;
              }));
    }
    go.countDown();
    List<Long> first = nodes.get(0).get();
    List<Long> second = nodes.get(1).get();
    try {
      Set<Long> both = new HashSet<>(first);
      both.retainAll(second);
      assertThat(both).as("claimed by both").isEmpty();
      assertThat(first).doesNotHaveDuplicates();
      assertThat(second).doesNotHaveDuplicates();
      // Every message was taken once: by one of the two, or already by the worker of this node.
      for (long id : ids) {
        assertThat(delivery(id)).isIn("SENDING", "SENT");
      }
    } finally {
      for (long id : first) {
        steps.release(id);
      }
      for (long id : second) {
        steps.release(id);
      }
    }
    for (long id : ids) {
      eventually(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(id)));
      assertThat(attempts(id)).isEqualTo(1);
    }
  }
}
