package eu.federa.testsupport;

import eu.federa.identity.UserAccountService;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.tenancy.OnboardingForm;
import eu.federa.tenancy.OnboardingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds people and tenants for in-container tests through the real services (sign-in, onboarding,
 * approval), and reaches into the database only for what no use case does, like letting time pass.
 */
@ApplicationScoped
public class TeamFixture {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject UserAccountService accounts;
  @Inject OnboardingService onboarding;

  /** A new person of the given e-mail domain, signed in (verified e-mail); now the caller. */
  public AuthenticatedUser person(String name, String domain) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String username = name.toLowerCase() + "-" + id;
    AuthenticatedUser user =
        new AuthenticatedUser(
            "sub-" + id,
            username,
            username + "@" + domain,
            name + " " + id,
            name,
            null,
            true,
            List.of());
    signIn(user);
    return user;
  }

  /** Makes {@code user} the caller and records their sign-in (which applies membership rules). */
  public void signIn(AuthenticatedUser user) {
    PlatformAdminCaller.platformAdmin = false;
    PlatformAdminCaller.user = user;
    accounts.recordSignIn(user);
  }

  public void as(AuthenticatedUser user) {
    PlatformAdminCaller.platformAdmin = false;
    PlatformAdminCaller.user = user;
  }

  /** A tenant onboarded by {@code admin} and approved; the caller is {@code admin} afterwards. */
  public long tenantOf(AuthenticatedUser admin, String name) {
    as(admin);
    long request =
        onboarding.submit(
            new OnboardingForm(
                name,
                "FR",
                String.format(
                    "FR%02d%09d",
                    ThreadLocalRandom.current().nextInt(100),
                    ThreadLocalRandom.current().nextInt(1_000_000_000)),
                "billing@" + admin.email().substring(admin.email().indexOf('@') + 1),
                List.of(),
                "Integration tests of team management"));
    AuthenticatedUser before = PlatformAdminCaller.user;
    PlatformAdminCaller.user =
        new AuthenticatedUser(
            "it-admin", "olivia", "olivia@federa.example", "Olivia", "Olivia", null);
    PlatformAdminCaller.platformAdmin = true;
    long tenantId = onboarding.approve(request);
    as(before);
    return tenantId;
  }

  /** A new person, made a plain member of the tenant directly (no invitation). */
  @Transactional
  public AuthenticatedUser memberOf(long tenantId, String name, String domain) {
    AuthenticatedUser person = person(name, domain);
    execute(
        "INSERT INTO tenant_membership (tenant_id, user_subject, member_name, role, created_at)"
            + " VALUES (?1, ?2, ?3, 'MEMBER', UTC_TIMESTAMP(6))",
        tenantId,
        person.subject(),
        person.displayName());
    return person;
  }

  /** Runs a statement, for what no use case does (simulating a crash, ageing data). */
  @Transactional
  public int execute(String sql, Object... parameters) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return query.executeUpdate();
  }

  /** The single value a query answers (a count as a Long), to look at what no use case shows. */
  @Transactional
  public Object single(String sql, Object... parameters) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    Object value = query.getSingleResult();
    return value instanceof Number n && !(value instanceof java.math.BigDecimal)
        ? Long.valueOf(n.longValue())
        : value;
  }

  /**
   * Writes {@code count} audit entries of the tenant straight into the tables (an ORDER_ACTION by
   * "bench", one a second from 2026-01-01), for benchmarks of a long trail. In rows of a thousand
   * per statement: MariaDB 11.4 refuses an INSERT ... SELECT of several rows into a table with a
   * trigger ("Column ... cannot be null"), and the audit tables have theirs.
   */
  @Transactional
  public void auditEntries(long tenantId, int count, String actorName, String detail) {
    for (int first = 1; first <= count; first += 1000) {
      auditEntryBatch(tenantId, first, Math.min(count, first + 999), actorName, detail);
    }
  }

  private void auditEntryBatch(
      long tenantId, int first, int last, String actorName, String detail) {
    long before =
        ((Number)
                em.createNativeQuery("SELECT COALESCE(MAX(id), 0) FROM audit_event")
                    .getSingleResult())
            .longValue();
    StringBuilder events =
        new StringBuilder(
            "INSERT INTO audit_event (occurred_at, tenant_id, action, outcome) VALUES ");
    for (int k = first; k <= last; k++) {
      events
          .append(k == first ? "" : ",")
          .append("(TIMESTAMP '2026-01-01 00:00:00' + INTERVAL ")
          .append(k)
          .append(" SECOND, ")
          .append(tenantId)
          .append(", 'ORDER_ACTION', 'SUCCESS')");
    }
    em.createNativeQuery(events.toString()).executeUpdate();
    List<?> ids =
        em.createNativeQuery(
                "SELECT id FROM audit_event WHERE id > ?1 AND tenant_id = ?2 ORDER BY id")
            .setParameter(1, before)
            .setParameter(2, tenantId)
            .getResultList();
    StringBuilder personal =
        new StringBuilder(
            "INSERT INTO audit_event_personal (event_id, actor_subject, actor_name, target,"
                + " client_address, detail) VALUES ");
    for (int i = 0; i < ids.size(); i++) {
      long id = ((Number) ids.get(i)).longValue();
      personal
          .append(i == 0 ? "" : ",")
          .append("(")
          .append(id)
          .append(", 'bench', ?1, 'order ")
          .append(id)
          .append("', '192.0.2.10', ?2)");
    }
    em.createNativeQuery(personal.toString())
        .setParameter(1, actorName)
        .setParameter(2, detail)
        .executeUpdate();
  }

  /** Every row a query answers, each as its columns, to look at what no use case shows. */
  @Transactional
  public List<Object[]> rows(String sql, Object... parameters) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return ((List<?>) query.getResultList())
        .stream().map(r -> r instanceof Object[] columns ? columns : new Object[] {r}).toList();
  }

  /** Lets every invitation of the tenant expire, as if their validity had passed. */
  @Transactional
  public void expireInvitations(long tenantId) {
    em.createNativeQuery(
            "UPDATE invitation SET expires_at = created_at - INTERVAL 1 SECOND WHERE tenant_id = ?1")
        .setParameter(1, tenantId)
        .executeUpdate();
  }

  /** Subject and body of the newest message to {@code email}. */
  public String[] lastMessageTo(String email) {
    return lastMessageTo(email, "");
  }

  /**
   * The subject and body of the last message to {@code email} whose subject contains {@code
   * subject}: other work (an export finishing) may send its own mail to the same person meanwhile.
   */
  @Transactional
  public String[] lastMessageTo(String email, String subject) {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "SELECT subject, body FROM outbox_message WHERE recipient = ?1"
                        + " AND subject LIKE CONCAT('%', ?2, '%') ORDER BY id DESC LIMIT 1")
                .setParameter(1, email.toLowerCase())
                .setParameter(2, subject)
                .getSingleResult();
    return new String[] {(String) row[0], (String) row[1]};
  }

  /** The invitation link's token from the newest outbox message to {@code email}. */
  public String tokenSentTo(String email) {
    String body =
        (String)
            em.createNativeQuery(
                    "SELECT body FROM outbox_message WHERE recipient = ?1 ORDER BY id DESC LIMIT 1")
                .setParameter(1, email.toLowerCase())
                .getSingleResult();
    int at = body.indexOf("/join/");
    return body.substring(at + "/join/".length()).split("\\s")[0];
  }

  @Transactional
  /** The detail of the tenant's latest audit entry of {@code action}, as the trail keeps it. */
  public String lastAuditDetail(long tenantId, String action) {
    return (String)
        single(
            "SELECT p.detail FROM audit_event e JOIN audit_event_personal p ON p.event_id = e.id"
                + " WHERE e.action = ?1 AND e.tenant_id = ?2 ORDER BY e.id DESC LIMIT 1",
            action,
            tenantId);
  }

  public long countAudit(long tenantId, String action, String outcome) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM audit_event WHERE tenant_id = ?1 AND action = ?2 AND outcome = ?3")
                .setParameter(1, tenantId)
                .setParameter(2, action)
                .setParameter(3, outcome)
                .getSingleResult())
        .longValue();
  }
}
