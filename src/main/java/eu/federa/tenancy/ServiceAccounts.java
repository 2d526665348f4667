package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditOutcome;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.BearerSecret;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The organisation's service accounts, for scripts that call the REST API without a browser. A
 * tenant admin makes one with a role (member, billing or viewer), the projects it works in and an
 * expiry; its token is shown once. The account is a member of the tenant under its own subject, so
 * every rule of the API applies to it as to a person with that role. Revoking it (here, or by
 * removing it from the team) refuses its next call.
 */
@ApplicationScoped
@Transactional
public class ServiceAccounts {

  /** How many accounts that still work one organisation may hold. */
  public static final int MAX_ACTIVE_PER_TENANT = 50;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject TeamMembers members;
  @Inject AuditLog audit;
  @Inject CurrentUser caller;
  @Inject Clock clock;

  /** A new account with its token, which is never shown again. */
  public record Created(long id, String token, String prefix) implements Serializable {
    @Override
    public String toString() {
      return "Created[" + id + ", " + prefix + "…]";
    }
  }

  /** An account as its page and the API show it. */
  public record View(
      long id,
      String name,
      String prefix,
      TenantRole role,
      List<String> projects,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      String revokedBy,
      Instant lastUsedAt,
      String status)
      implements Serializable {

    /** The project names as one line, for pages. */
    public String projectsText() {
      return String.join(", ", projects);
    }
  }

  /** Why a presented token is refused. */
  public enum Refusal {
    UNKNOWN,
    REVOKED,
    EXPIRED
  }

  /** What a presented token is worth: the identity it acts as, or why it is refused. */
  public record Authentication(AuthenticatedUser user, Refusal refusal) {}

  /**
   * Makes an account (tenant admins).
   *
   * @throws InvalidInputException for a bad form, a name in use or too many accounts; nothing saved
   * @throws NotFoundException for a project that is not the tenant's
   */
  public Created create(long tenantId, ServiceAccountForm form) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    Instant now = clock.instant();
    TenantRole role = form.check(now);
    List<Project> projects =
        form.projectIds().isEmpty()
            ? List.of()
            : em.createQuery(
                    "select p from Project p where p.tenant.id = :t and p.id in :ids",
                    Project.class)
                .setParameter("t", tenantId)
                .setParameter("ids", form.projectIds())
                .getResultList();
    if (projects.size() < form.projectIds().size()) {
      Long missing =
          form.projectIds().stream()
              .filter(id -> projects.stream().noneMatch(p -> p.getId().equals(id)))
              .findFirst()
              .orElse(null);
      throw new NotFoundException("project", missing);
    }
    // The tenant's row guards the count and the names on every node.
    access.lockTenant(tenantId);
    String name = form.name().strip();
    List<ServiceAccount> working =
        em.createQuery(
                "select s from ServiceAccount s where s.tenantId = :t and s.revokedAt is null"
                    + " and s.expiresAt > :now",
                ServiceAccount.class)
            .setParameter("t", tenantId)
            .setParameter("now", now)
            .getResultList();
    if (working.stream().anyMatch(s -> s.getName().equalsIgnoreCase(name))) {
      throw new InvalidInputException(FieldError.of("name", "serviceAccount.error.nameTaken"));
    }
    if (working.size() >= MAX_ACTIVE_PER_TENANT) {
      throw new InvalidInputException(
          FieldError.of("name", "serviceAccount.error.tooMany", MAX_ACTIVE_PER_TENANT));
    }
    BearerSecret secret = BearerSecret.generate(BearerSecret.SERVICE_ACCOUNT);
    ServiceAccount account =
        new ServiceAccount(
            tenantId,
            name,
            secret.sha256(),
            secret.prefix(),
            callerName(),
            now,
            form.expiresAt().truncatedTo(ChronoUnit.SECONDS));
    em.persist(account);
    Membership membership =
        new Membership(
            em.getReference(Tenant.class, tenantId),
            account.getSubject(),
            account.getName(),
            role,
            MembershipOrigin.SERVICE_ACCOUNT,
            now);
    membership.projects().addAll(projects);
    em.persist(membership);
    em.flush();
    audit.success(
        AuditAction.SERVICE_ACCOUNT_CREATED,
        tenantId,
        AuditTarget.Kind.SERVICE_ACCOUNT.of(account.getId()),
        AuditDetail.SERVICE_ACCOUNT_CREATED.text(
            name,
            secret.prefix(),
            role,
            projects.stream().map(Project::getName).sorted().toList(),
            account.getExpiresAt()));
    return new Created(account.getId(), secret.value(), secret.prefix());
  }

  /**
   * The organisation's accounts {@code first} to {@code first + max}, newest first, and how many
   * there are (tenant admins, also while the organisation is suspended).
   */
  public ResultPage<View> page(long tenantId, int first, int max) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.MANAGE_TEAM);
    ResultPage<ServiceAccount> page =
        ResultPage.read(
            em.createQuery(
                    "select count(s) from ServiceAccount s where s.tenantId = :t", Long.class)
                .setParameter("t", tenantId),
            em.createQuery(
                    "select s from ServiceAccount s where s.tenantId = :t"
                        + " order by s.createdAt desc, s.id desc",
                    ServiceAccount.class)
                .setParameter("t", tenantId),
            first,
            max,
            s -> s);
    if (page.rows().isEmpty()) {
      return new ResultPage<>(List.of(), page.total());
    }
    // The page's accounts' memberships (their role and projects) in one more statement.
    Map<String, Membership> bySubject = new HashMap<>();
    em.createQuery(
            "select distinct m from Membership m left join fetch m.projects"
                + " where m.tenant.id = :t and m.grantedBy = :origin and m.userSubject in :subjects",
            Membership.class)
        .setParameter("t", tenantId)
        .setParameter("origin", MembershipOrigin.SERVICE_ACCOUNT)
        .setParameter("subjects", page.rows().stream().map(ServiceAccount::getSubject).toList())
        .getResultList()
        .forEach(m -> bySubject.put(m.getUserSubject(), m));
    Instant now = clock.instant();
    return new ResultPage<>(
        page.rows().stream()
            .map(
                s -> {
                  Membership m = bySubject.get(s.getSubject());
                  return new View(
                      s.getId(),
                      s.getName(),
                      s.getSecretPrefix(),
                      m == null ? null : m.getRole(),
                      m == null
                          ? List.of()
                          : m.projects().stream().map(Project::getName).sorted().toList(),
                      s.getCreatedBy(),
                      s.getCreatedAt(),
                      s.getExpiresAt(),
                      s.getRevokedAt(),
                      s.getRevokedBy(),
                      s.getLastUsedAt(),
                      s.revoked() ? "REVOKED" : s.expired(now) ? "EXPIRED" : "ACTIVE");
                })
            .toList(),
        page.total());
  }

  /**
   * Revokes an account (tenant admins): its next call is refused, and it leaves the team.
   *
   * @throws NotFoundException when it is not the organisation's
   */
  public void revoke(long tenantId, long accountId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    ServiceAccount account =
        em.find(ServiceAccount.class, accountId, LockModeType.PESSIMISTIC_WRITE);
    if (account == null || account.getTenantId() != tenantId) {
      throw new NotFoundException("service account", accountId);
    }
    if (account.revoked()) {
      return;
    }
    revoked(account);
    em.createQuery(
            "select m from Membership m where m.tenant.id = :t and m.userSubject = :s",
            Membership.class)
        .setParameter("t", tenantId)
        .setParameter("s", account.getSubject())
        .getResultStream()
        .findFirst()
        .ifPresent(members::depart);
    audit.success(
        AuditAction.SERVICE_ACCOUNT_REVOKED,
        tenantId,
        AuditTarget.Kind.SERVICE_ACCOUNT.of(accountId),
        account.getName() + " " + account.getSecretPrefix());
  }

  /**
   * Marks the account that acts as {@code subject} revoked, when it leaves the team (called by
   * {@link TeamMembers} as it removes its membership); nothing for a person's subject.
   */
  void revokedBySubject(String subject) {
    if (!subject.startsWith(ServiceAccount.SUBJECT_START)) {
      return;
    }
    em.createQuery("select s from ServiceAccount s where s.subject = :s", ServiceAccount.class)
        .setParameter("s", subject)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .filter(s -> !s.revoked())
        .findFirst()
        .ifPresent(
            account -> {
              revoked(account);
              audit.success(
                  AuditAction.SERVICE_ACCOUNT_REVOKED,
                  account.getTenantId(),
                  AuditTarget.Kind.SERVICE_ACCOUNT.of(account.getId()),
                  AuditDetail.REVOKED_LEFT_TEAM.text(account.getName(), account.getSecretPrefix()));
            });
  }

  private void revoked(ServiceAccount account) {
    account.revoke(callerName(), clock.instant());
  }

  /**
   * What a presented token is worth. A working one acts as its account (and its use is noted, to
   * the minute); a refused one of a known account is audited, at most once a minute per account.
   */
  public Authentication authenticate(String presented) {
    if (!BearerSecret.wellFormed(presented, BearerSecret.SERVICE_ACCOUNT)) {
      return new Authentication(null, Refusal.UNKNOWN);
    }
    ServiceAccount account =
        em.createQuery(
                "select s from ServiceAccount s where s.secretSha256 = :h", ServiceAccount.class)
            .setParameter("h", BearerSecret.sha256Of(presented))
            .getResultStream()
            .findFirst()
            .orElse(null);
    if (account == null) {
      return new Authentication(null, Refusal.UNKNOWN);
    }
    Instant now = clock.instant();
    if (!account.works(now)) {
      Refusal refusal = account.revoked() ? Refusal.REVOKED : Refusal.EXPIRED;
      if (noteOncePerMinute("lastRefusedAt", account.getId(), now)) {
        audit.refused(
            AuditAction.SERVICE_ACCOUNT_REFUSED,
            account.getTenantId(),
            AuditTarget.Kind.SERVICE_ACCOUNT.of(account.getId()),
            AuditOutcome.DENIED,
            AuditDetail.SERVICE_ACCOUNT_REFUSED.text(
                account.getName(), refusal.name().toLowerCase(java.util.Locale.ROOT)));
      }
      return new Authentication(null, refusal);
    }
    noteOncePerMinute("lastUsedAt", account.getId(), now);
    return new Authentication(
        new AuthenticatedUser(
            account.getSubject(),
            account.getName(),
            null,
            account.getName(),
            account.getName(),
            null),
        null);
  }

  /**
   * Sets the account's {@code field} to this minute unless it holds it already: one conditional
   * update a minute, without the version, so that calls at once never conflict.
   *
   * @return whether this call is the minute's first
   */
  private boolean noteOncePerMinute(String field, long accountId, Instant now) {
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    return em.createQuery(
                "update ServiceAccount s set s."
                    + field
                    + " = :m where s.id = :id and (s."
                    + field
                    + " is null or s."
                    + field
                    + " < :m)")
            .setParameter("m", minute)
            .setParameter("id", accountId)
            .executeUpdate()
        > 0;
  }

  /** The name of the service account that acts as {@code subject}, for the team's list. */
  Map<String, String> namesOf(java.util.Collection<String> subjects) {
    Map<String, String> names = new HashMap<>();
    List<String> accounts =
        subjects.stream().filter(s -> s.startsWith(ServiceAccount.SUBJECT_START)).toList();
    if (!accounts.isEmpty()) {
      em.createQuery(
              "select s.subject, s.name from ServiceAccount s where s.subject in :s",
              Object[].class)
          .setParameter("s", accounts)
          .getResultList()
          .forEach(row -> names.put((String) row[0], (String) row[1]));
    }
    return names;
  }

  private String callerName() {
    return caller.user().map(u -> u.displayName() + " (" + u.username() + ")").orElse("platform");
  }
}
