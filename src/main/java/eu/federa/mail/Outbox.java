package eu.federa.mail;

import eu.federa.platform.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * The {@link Mailer}: keeps every message in the outbox table, in the sender's transaction, where
 * platform admins (all messages) and tenant admins (their tenant's, through tenancy) read them;
 * when a mail server is set, queued there for {@link MailDelivery} to send after commit.
 */
@ApplicationScoped
public class Outbox implements Mailer {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject Clock clock;

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void send(OutgoingMail mail) {
    em.persist(new OutboxMessage(mail, clock.instant(), MailServer.configured()));
  }

  /** The newest messages about one tenant; callers check that the caller may read them. */
  @Transactional
  public List<OutboxMessage> ofTenant(long tenantId, int max) {
    return em.createQuery(
            "select m from OutboxMessage m where m.tenantId = :t order by m.createdAt desc, m.id desc",
            OutboxMessage.class)
        .setParameter("t", tenantId)
        .setMaxResults(max)
        .getResultList();
  }

  /** The newest messages of the whole portal (platform admins). */
  @Transactional
  public List<OutboxMessage> all(int max) {
    caller.requirePlatformAdmin();
    return em.createQuery(
            "select m from OutboxMessage m order by m.createdAt desc, m.id desc",
            OutboxMessage.class)
        .setMaxResults(max)
        .getResultList();
  }
}
