package eu.federa.audit;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * A leaving tenant's audit log, pseudonymised: each person who acted is replaced by their pseudonym
 * (the same person, the same pseudonym, so that the log still reads), names and client addresses
 * and e-mail addresses are removed. The events stay: they are the platform's security record, and
 * their chain ({@link AuditChain}) still verifies: the check counts a personal part erased, not
 * altered.
 */
@ApplicationScoped
public class AuditErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 70;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    // Each personal part is rewritten once, by one statement, and marked erased: the database
    // refuses any other change of it (V56). An event's target or detail may name a person by
    // address (an invitation, a rule).
    String scrubbed =
        " target = CASE WHEN target LIKE '%@%' THEN '(erased)' ELSE target END,"
            + " detail = CASE WHEN detail LIKE '%@%' THEN '(erased)' ELSE detail END,"
            + " erased_at = ?1"
            + " WHERE erased_at IS NULL AND event_id IN (SELECT id FROM audit_event"
            + " WHERE tenant_id = ?2)";
    Instant now = context.at();
    long events = 0;
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT DISTINCT p.actor_subject FROM audit_event_personal p"
                        + " JOIN audit_event e ON e.id = p.event_id WHERE e.tenant_id = ?1"
                        + " AND p.actor_subject IS NOT NULL AND p.erased_at IS NULL")
                .setParameter(1, context.tenantId()))) {
      events +=
          em.createNativeQuery(
                  "UPDATE audit_event_personal SET actor_subject = ?3, actor_name = ?3,"
                      + " client_address = NULL,"
                      + scrubbed
                      + " AND actor_subject = ?4")
              .setParameter(1, now)
              .setParameter(2, context.tenantId())
              .setParameter(3, context.pseudonym(r.str(0)))
              .setParameter(4, r.str(0))
              .executeUpdate();
    }
    long named =
        em.createNativeQuery(
                "UPDATE audit_event_personal SET"
                    + scrubbed
                    + " AND actor_subject IS NULL AND (target LIKE '%@%' OR detail LIKE '%@%')")
            .setParameter(1, now)
            .setParameter(2, context.tenantId())
            .executeUpdate();
    return List.of(
        Erased.pseudonymised("audit log events (who acted, from where)", events),
        Erased.pseudonymised("audit log events naming a person by address", named));
  }
}
