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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox to the mail server, on any node: claims a few messages due, sends each, and
 * records the outcome. A message is sent at most once: one whose node stopped while sending it is
 * marked unconfirmed, not sent again; one the server did not take is tried again later (transient
 * failures) or given up (a refusal for good, or eight attempts).
 */
@ApplicationScoped
public class MailDelivery {

  private static final Logger LOG = Logger.getLogger(MailDelivery.class.getName());

  /** How long a claim holds. */
  static final Duration LEASE = Duration.ofMinutes(10);

  /**
   * The longest one send may take: the connection, then every exchange of SMTP each bounded by the
   * read timeout (greeting, EHLO, STARTTLS and its handshake, EHLO again, AUTH, MAIL, RCPT, DATA,
   * the message, QUIT: at most fifteen). A message is sent only while at least this much of the
   * claim is left, so that a claim never runs out under a running send.
   */
  static final Duration LONGEST_SEND =
      Duration.ofMillis(MailServer.CONNECT_MILLIS + 15L * MailServer.READ_MILLIS);

  static final int BATCH = 10;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject MailDeliverySteps steps;
  @Inject MailServer server;
  @Inject Clock clock;

  private final Ticker ticker = new Ticker(LOG);

  void start(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 700)
          @Initialized(ApplicationScoped.class)
          Object event) {
    Duration poll = Duration.ofMillis(Setting.WORKER_POLL_MILLIS.intValue());
    ticker.every(scheduler, poll, poll, "Mail delivery", this::tick);
  }

  void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    ticker.stop();
  }

  /** Marks what stopped nodes left unconfirmed, then sends what is due; how many were sent. */
  int tick() {
    if (!MailServer.configured()) {
      return 0;
    }
    int stale = steps.expireStale();
    if (stale > 0) {
      LOG.warning(
          () ->
              stale
                  + " message(s) were being sent by a node that stopped before the mail server"
                  + " confirmed them: marked unconfirmed, not sent again");
    }
    Instant claimedAt = clock.instant();
    List<Long> claimed = steps.claim(BATCH, LEASE);
    Instant lastStart = claimedAt.plus(LEASE).minus(LONGEST_SEND);
    int sent = 0;
    for (Long id : claimed) {
      if (ticker.stopping() || clock.instant().isAfter(lastStart)) {
        steps.release(id);
        continue;
      }
      try {
        server.send(steps.read(id));
        steps.delivered(id);
        sent++;
      } catch (RuntimeException e) {
        // Sent or not, nobody knows: left to be marked unconfirmed when its claim runs out; the
        // other messages claimed go on.
        LOG.log(Level.WARNING, e, () -> "Message " + id + ": outcome unknown");
      } catch (MailServer.Refused refused) {
        LOG.log(
            refused.permanent() ? Level.WARNING : Level.INFO,
            () -> "Message " + id + " not delivered: " + refused.getMessage());
        steps.failed(
            id,
            refused.permanent(),
            refused.getMessage(),
            Duration.ofSeconds(Setting.MAIL_RETRY_SECONDS.intValue()));
      }
    }
    return sent;
  }
}
