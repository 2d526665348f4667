package eu.federa.audit;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * A leaving tenant's audit log, pseudonymised: each person who acted is replaced by their pseudonym
 * (the same person, the same pseudonym, so that the log still reads), names and client addresses
 * and e-mail addresses are removed. The events stay: they are the platform's security record.
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
    long events = 0;
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT DISTINCT actor_subject FROM audit_event WHERE tenant_id = ?1"
                        + " AND actor_subject IS NOT NULL")
                .setParameter(1, context.tenantId()))) {
      events +=
          em.createNativeQuery(
                  "UPDATE audit_event SET actor_subject = ?1, actor_name = ?1,"
                      + " client_address = NULL WHERE tenant_id = ?2 AND actor_subject = ?3")
              .setParameter(1, context.pseudonym(r.str(0)))
              .setParameter(2, context.tenantId())
              .setParameter(3, r.str(0))
              .executeUpdate();
    }
    // An event's target or detail may name a person by address (an invitation, a rule).
    long named =
        em.createNativeQuery(
                "UPDATE audit_event SET target = CASE WHEN target LIKE '%@%' THEN '(erased)'"
                    + " ELSE target END, detail = CASE WHEN detail LIKE '%@%' THEN '(erased)'"
                    + " ELSE detail END WHERE tenant_id = ?1 AND (target LIKE '%@%'"
                    + " OR detail LIKE '%@%')")
            .setParameter(1, context.tenantId())
            .executeUpdate();
    return List.of(
        Erased.pseudonymised("audit log events (who acted, from where)", events),
        Erased.pseudonymised("audit log events naming a person by address", named));
  }
}
