package eu.federa.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox's delivery in the database, one short transaction a step, so that any node can send
 * and none sends a message another has taken: claims are {@code FOR UPDATE SKIP LOCKED} with a
 * lease; a message whose lease ran out while it was being sent is marked unconfirmed, never sent
 * again.
 */
@ApplicationScoped
public class MailDeliverySteps {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;

  /** Up to {@code max} messages due, taken by this node until {@code lease} from now. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> claim(int max, Duration lease) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM outbox_message WHERE delivery = 'QUEUED' AND next_attempt_at <= ?1"
                    + " ORDER BY next_attempt_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    List<Long> claimed = new ArrayList<>();
    for (Number id : ids) {
      em.find(OutboxMessage.class, id.longValue()).claimed(now.plus(lease));
      claimed.add(id.longValue());
    }
    return claimed;
  }

  /** The message as claimed, to send (detached). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public OutboxMessage read(long id) {
    return em.find(OutboxMessage.class, id);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void delivered(long id) {
    sending(id).delivered(clock.instant());
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void failed(long id, boolean permanent, String reason, Duration retryBase) {
    sending(id).attemptFailed(permanent, reason, clock.instant(), retryBase);
  }

  /** A delivery report returned the message; whether this changed it (reports come again). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean returned(long id, String reason) {
    OutboxMessage m =
        em.find(OutboxMessage.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    return m != null && m.returned(reason);
  }

  /** Hands back a message this node claimed and did not start sending. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void release(long id) {
    sending(id).released();
  }

  /**
   * Messages whose sending node stopped before it knew the outcome (their lease ran out): marked
   * unconfirmed, not sent again. Returns how many.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int expireStale() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM outbox_message WHERE delivery = 'SENDING' AND lease_until < ?1"
                    + " LIMIT 100 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .getResultList();
    ids.forEach(id -> em.find(OutboxMessage.class, id.longValue()).unconfirmed());
    return ids.size();
  }

  private OutboxMessage sending(long id) {
    OutboxMessage m =
        em.find(OutboxMessage.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (m == null) {
      throw new IllegalStateException("outbox message " + id + " is gone");
    }
    return m;
  }
}
