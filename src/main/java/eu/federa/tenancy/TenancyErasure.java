package eu.federa.tenancy;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * A leaving tenant's team, erased: members, membership rules, invitations and departures, project
 * keys; the onboarding request's contact data and the billing address. The organisation itself
 * (legal name, country, VAT id) and its project names stay, closed: its invoices name them. Runs
 * last, after the capabilities that look up members.
 */
@ApplicationScoped
public class TenancyErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 100;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    long t = context.tenantId();
    List<Erased> done = new ArrayList<>();
    done.add(
        Erased.deleted(
            "invitations", update("DELETE FROM invitation WHERE tenant_id = ?1", t, null)));
    done.add(
        Erased.deleted(
            "membership rules",
            update("DELETE FROM membership_rule WHERE tenant_id = ?1", t, null)));
    done.add(
        Erased.deleted(
            "departures of members",
            update("DELETE FROM tenant_departure WHERE tenant_id = ?1", t, null)));
    done.add(
        Erased.deleted(
            "service accounts",
            update("DELETE FROM service_account WHERE tenant_id = ?1", t, null)));
    done.add(
        Erased.deleted(
            "memberships and project memberships",
            update("DELETE FROM tenant_membership WHERE tenant_id = ?1", t, null)));
    done.add(
        Erased.deleted(
            "project SSH keys",
            update(
                "DELETE FROM project_ssh_key WHERE project_id IN"
                    + " (SELECT id FROM project WHERE tenant_id = ?1)",
                t,
                null)));
    long requests = 0;
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT id, requester_subject FROM onboarding_request WHERE tenant_id = ?1")
                .setParameter(1, t))) {
      requests +=
          em.createNativeQuery(
                  "UPDATE onboarding_request SET requester_subject = ?1, requester_email = NULL,"
                      + " billing_email = '', intended_use = '', pending_requester = NULL"
                      + " WHERE id = ?2")
              .setParameter(1, context.pseudonym(r.str(1)))
              .setParameter(2, r.lng(0))
              .executeUpdate();
    }
    done.add(Erased.pseudonymised("onboarding request (contact person and address)", requests));
    done.add(
        Erased.pseudonymised(
            "organisation's billing address (the organisation is closed)",
            update(
                "UPDATE tenant SET billing_email = '', orders_frozen_at = COALESCE(orders_frozen_at,"
                    + " ?2), closed_at = ?2 WHERE id = ?1",
                t,
                context.at())));
    return done;
  }

  private long update(String sql, long tenantId, Object at) {
    var q = em.createNativeQuery(sql).setParameter(1, tenantId);
    if (at != null) {
      q.setParameter(2, at);
    }
    return q.executeUpdate();
  }
}
