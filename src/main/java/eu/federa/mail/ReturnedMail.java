package eu.federa.mail;

import eu.federa.platform.config.Setting;
import eu.federa.platform.work.Ticker;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.URLName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the mailbox where recipients' servers return what they could not deliver ({@code
 * FEDERA_MAIL_BOUNCE_MAILBOX}, the envelope sender's): a delivery report about a message this
 * portal sent (its Message-ID's signature holds) marks that message returned, with the server's
 * reason, and is deleted. Other mail there is left alone. Any node may read it: marking a message
 * returned twice changes nothing.
 */
@ApplicationScoped
public class ReturnedMail {

  private static final Logger LOG = Logger.getLogger(ReturnedMail.class.getName());

  /** Messages looked at per reading, the oldest first. */
  static final int BATCH = 200;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject MailDeliverySteps steps;
  @Inject MailServer server;

  private final Ticker ticker = new Ticker(LOG);
  private volatile Instant lastWarned = Instant.EPOCH;

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 700)
          @Initialized(ApplicationScoped.class)
          Object event) {
    Duration every = Duration.ofSeconds(Setting.MAIL_BOUNCE_POLL_SECONDS.intValue());
    ticker.every(scheduler, every, every, "Returned mail", this::read);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  /** Reads the mailbox once; how many messages were marked returned. */
  int read() {
    String mailbox = Setting.MAIL_BOUNCE_MAILBOX.value();
    if (mailbox.isBlank()) {
      return 0;
    }
    URLName where = new URLName(mailbox);
    try (Store store = Session.getInstance(properties(where)).getStore(where.getProtocol())) {
      store.connect(
          where.getHost(),
          where.getPort(),
          where.getUsername(),
          Setting.MAIL_BOUNCE_PASSWORD.value());
      String folderName =
          where.getFile() == null || where.getFile().isBlank() ? "INBOX" : where.getFile();
      Folder folder = store.getFolder(folderName);
      folder.open(Folder.READ_WRITE);
      int marked = 0;
      try {
        int count = Math.min(folder.getMessageCount(), BATCH);
        for (Message m : count == 0 ? new Message[0] : folder.getMessages(1, count)) {
          marked += handle(m);
        }
      } finally {
        folder.close(true); // the reports handled are expunged
      }
      return marked;
    } catch (MessagingException | IOException | RuntimeException e) {
      // Said once in ten minutes (a mailbox read every minute that stays unreachable, or whose
      // password is wrong, is one problem, not sixty).
      Instant now = Instant.now();
      boolean say = Duration.between(lastWarned, now).compareTo(Duration.ofMinutes(10)) >= 0;
      if (say) {
        lastWarned = now;
      }
      LOG.log(
          say ? Level.WARNING : Level.FINE,
          "The returned-mail mailbox at " + where.getHost() + " could not be read: " + e,
          say ? null : e);
      return 0;
    }
  }

  /** One message of the mailbox: how many of ours it marked returned. */
  private int handle(Message m) throws MessagingException, IOException {
    if (m.isSet(Flags.Flag.DELETED)) {
      return 0;
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    boolean ours = false;
    int marked = 0;
    for (DeliveryReports.Report r : DeliveryReports.of(raw.toByteArray())) {
      Optional<Long> id = server.outboxIdOf(r.originalMessageId());
      if (id.isEmpty()) {
        continue; // not about a message of this portal, or forged
      }
      ours = true;
      if (r.failed() && steps.returned(id.get(), r.reason())) {
        marked++;
        LOG.info(() -> "Message " + id.get() + " was returned: " + r.reason());
      }
    }
    if (ours) {
      m.setFlag(Flags.Flag.DELETED, true);
    }
    return marked;
  }

  private static Properties properties(URLName where) {
    Properties p = new Properties();
    String prefix = "mail." + where.getProtocol() + ".";
    p.put(prefix + "connectiontimeout", Integer.toString(MailServer.CONNECT_MILLIS));
    p.put(prefix + "timeout", Integer.toString(MailServer.READ_MILLIS));
    if (where.getProtocol().endsWith("s")) {
      p.put(prefix + "ssl.checkserveridentity", "true");
    }
    return p;
  }
}
