package eu.federa.tenancy;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.Changes;
import eu.federa.identity.SignedIn;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.Constraints;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Membership rules: platform admins manage them; at every sign-in they give the user the tenants
 * whose rules match, unless the user is a member already or was removed from (or left) that tenant.
 */
@ApplicationScoped
public class MembershipRules {

  /** A Keycloak identity-provider alias, or "local". */
  private static final Pattern PROVIDER_ALIAS = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** A rule as the rules page lists it. */
  public record Line(
      long id,
      RuleKind kind,
      String matchValue,
      String tenantName,
      String trustedLabel,
      TenantRole role)
      implements java.io.Serializable {}

  /**
   * The federation's rules {@code first} to {@code first + max}, by organisation, kind and value,
   * and how many there are (platform admins).
   */
  @Transactional
  public ResultPage<Line> page(int first, int max) {
    caller.requirePlatformAdmin();
    return ResultPage.read(
        em.createQuery("select count(r) from MembershipRule r", Long.class),
        em.createQuery(
            "select r from MembershipRule r join fetch r.tenant"
                + " order by r.tenant.name, r.kind, r.matchValue, r.id",
            MembershipRule.class),
        first,
        max,
        r ->
            new Line(
                r.getId(),
                r.getKind(),
                r.getMatchValue(),
                r.getTenant().getName(),
                r.getTrustedLabel(),
                r.getRole()));
  }

  /** Tenants a rule can point to, by name (platform admins). */
  @Transactional
  public Map<Long, String> tenants() {
    caller.requirePlatformAdmin();
    Map<Long, String> tenants = new LinkedHashMap<>();
    for (Tenant t :
        em.createQuery("select t from Tenant t order by t.name", Tenant.class).getResultList()) {
      tenants.put(t.getId(), t.getName());
    }
    return tenants;
  }

  /**
   * @throws InvalidInputException for a bad kind, value, tenant or role, or a duplicate rule
   */
  @Transactional
  public long create(MembershipRuleForm form) {
    caller.requirePlatformAdmin();
    List<FieldError> errors = new ArrayList<>(check(form));
    Tenant tenant = form.tenantId() == null ? null : em.find(Tenant.class, form.tenantId());
    if (tenant == null) {
      errors.add(FieldError.of("tenant", "rules.error.tenant"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    RuleKind kind = RuleKind.valueOf(form.kind());
    MembershipRule rule =
        new MembershipRule(
            kind,
            form.value(),
            kind.needsTrustedProviders() ? form.trusted() : List.of(),
            tenant,
            TenantRole.parse(form.role()).orElseThrow(),
            caller.user().map(AuthenticatedUser::subject).orElse("?"),
            clock.instant());
    try {
      em.persist(rule);
      em.flush();
    } catch (PersistenceException e) {
      throw new InvalidInputException(FieldError.of("value", "rules.error.duplicate"));
    }
    audit.success(
        AuditAction.MEMBERSHIP_RULE_CREATED,
        tenant.getId(),
        kind + "=" + rule.getMatchValue(),
        Changes.created(form, Set.of()));
    return rule.getId();
  }

  /** What makes a rule acceptable, before anything is looked up. */
  static List<FieldError> check(MembershipRuleForm form) {
    // The value's presence, length and characters are its constraint (@Text).
    List<FieldError> errors = new ArrayList<>(Constraints.check(form));
    RuleKind kind = null;
    try {
      kind = form.kind() == null ? null : RuleKind.valueOf(form.kind());
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (kind == null) {
      errors.add(FieldError.of("kind", "rules.error.kind"));
    }
    String value = form.value() == null ? "" : form.value().trim();
    if (!value.isEmpty()
        && value.length() <= 255
        && kind == RuleKind.EMAIL_DOMAIN
        && !DOMAIN.matcher(value).matches()) {
      errors.add(FieldError.of("value", "rules.error.domain"));
    }
    if (TenantRole.parse(form.role()).isEmpty()) {
      errors.add(FieldError.of("role", "team.error.role"));
    }
    if (kind != null && kind.needsTrustedProviders()) {
      List<String> trusted = form.trusted();
      if (trusted.isEmpty()) {
        errors.add(FieldError.of("trusted", "rules.error.trustedRequired"));
      } else if (trusted.size() > 10
          || trusted.stream().anyMatch(t -> !PROVIDER_ALIAS.matcher(t).matches())) {
        errors.add(FieldError.of("trusted", "rules.error.trusted"));
      }
    }
    return errors;
  }

  @Transactional
  public void delete(long ruleId) {
    caller.requirePlatformAdmin();
    MembershipRule rule = em.find(MembershipRule.class, ruleId);
    if (rule == null) {
      throw new NotFoundException("membership rule", ruleId);
    }
    audit.success(
        AuditAction.MEMBERSHIP_RULE_DELETED,
        rule.getTenant().getId(),
        rule.getKind() + "=" + rule.getMatchValue(),
        AuditDetail.RULE_REMOVED.text(rule.getRole(), rule.getTrustedLabel()));
    em.remove(rule);
  }

  /**
   * At every sign-in, in its transaction: joins the user to the tenants whose rules match, and ends
   * the memberships a rule granted once that no rule grants any more (the group was removed at the
   * partner, the address changed). Memberships from onboarding or an invitation are not touched.
   */
  void applyAtSignIn(@Observes SignedIn event) {
    AuthenticatedUser user = event.user();
    Map<Long, TenantRole> granted = matchingGrants(user);
    endLapsedGrants(user, granted.keySet());
    if (!granted.isEmpty()) {
      join(user, granted);
    }
    // The name the team pages sort by follows the one the identity provider gives.
    em.createNativeQuery(
            "UPDATE tenant_membership SET member_name = ?1"
                + " WHERE user_subject = ?2 AND NOT (member_name <=> ?1)")
        .setParameter(1, user.displayName())
        .setParameter(2, user.subject())
        .executeUpdate();
  }

  /** The tenants whose rules match the user now, each with the strongest role granted. */
  private Map<Long, TenantRole> matchingGrants(AuthenticatedUser user) {
    Map<Long, TenantRole> granted = new HashMap<>();
    // Only the rules that can match this user, not every rule of the federation.
    List<String> groups = user.groups().isEmpty() ? List.of("") : user.groups();
    for (MembershipRule rule :
        em.createQuery(
                "select r from MembershipRule r join fetch r.tenant"
                    + " where (r.kind = :domainKind and r.matchValue = :domain)"
                    + " or (r.kind = :idpKind and r.matchValue = :idp)"
                    + " or (r.kind = :groupKind and r.matchValue in :groups)",
                MembershipRule.class)
            .setParameter("domainKind", RuleKind.EMAIL_DOMAIN)
            .setParameter("domain", user.verifiedEmailDomain())
            .setParameter("idpKind", RuleKind.IDENTITY_PROVIDER)
            .setParameter("idp", user.identityProvider() == null ? "" : user.identityProvider())
            .setParameter("groupKind", RuleKind.GROUP)
            .setParameter("groups", groups)
            .getResultList()) {
      if (rule.matches(user)) {
        granted.merge(rule.getTenant().getId(), rule.getRole(), TenantRole::stronger);
      }
    }
    return granted;
  }

  /**
   * Removes the user's rule-granted memberships of tenants no rule grants now, under the tenant's
   * lock. A conditional DELETE of the row that is still rule-granted: two sign-ins at once (two
   * tabs, two nodes) end it once, and one audit entry says so. Access ends even for a tenant's last
   * admin: keeping a login the partner has withdrawn would be worse than a tenant without one.
   */
  private void endLapsedGrants(AuthenticatedUser user, Set<Long> stillGranted) {
    List<Row> ruleGranted =
        Row.all(
            em.createNativeQuery(
                    "SELECT id, tenant_id, role FROM tenant_membership"
                        + " WHERE user_subject = ?1 AND granted_by = ?2 ORDER BY tenant_id")
                .setParameter(1, user.subject())
                .setParameter(2, MembershipOrigin.RULE.name()));
    for (Row row : ruleGranted) {
      long tenantId = row.lng(1);
      if (stillGranted.contains(tenantId)) {
        continue;
      }
      // The tenant's lock, as TeamMembers takes it before counting admins: a role change that
      // checks "another admin remains" and this removal are serialised.
      em.find(Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
      int ended =
          em.createNativeQuery("DELETE FROM tenant_membership WHERE id = ?1 AND granted_by = ?2")
              .setParameter(1, row.lng(0))
              .setParameter(2, MembershipOrigin.RULE.name())
              .executeUpdate();
      if (ended > 0) {
        audit.successOf(
            user, AuditAction.MEMBERSHIP_RULE_ENDED, tenantId, user.username(), row.str(2));
      }
    }
  }

  private void join(AuthenticatedUser user, Map<Long, TenantRole> granted) {
    Set<Long> excluded = new HashSet<>();
    excluded.addAll(
        em.createQuery("select m.tenant.id from Membership m where m.userSubject = :s", Long.class)
            .setParameter("s", user.subject())
            .getResultList());
    excluded.addAll(
        em.createNativeQuery(
                "SELECT tenant_id FROM tenant_departure WHERE user_subject = ?1", Long.class)
            .setParameter(1, user.subject())
            .getResultList());
    for (Map.Entry<Long, TenantRole> grant : granted.entrySet()) {
      if (excluded.contains(grant.getKey())) {
        continue;
      }
      // INSERT IGNORE: two first requests of one user (two tabs, two nodes) add the member once.
      int added =
          em.createNativeQuery(
                  "INSERT IGNORE INTO tenant_membership (tenant_id, user_subject, member_name,"
                      + " role, granted_by, created_at, version)"
                      + " VALUES (?1, ?2, ?6, ?3, ?4, ?5, 0)")
              .setParameter(1, grant.getKey())
              .setParameter(2, user.subject())
              .setParameter(3, grant.getValue().name())
              .setParameter(4, MembershipOrigin.RULE.name())
              .setParameter(5, clock.instant())
              .setParameter(6, user.displayName())
              .executeUpdate();
      if (added > 0) {
        audit.successOf(
            user,
            AuditAction.MEMBERSHIP_BY_RULE,
            grant.getKey(),
            user.username(),
            AuditDetail.ROLE.text(grant.getValue()));
      }
    }
  }
}
