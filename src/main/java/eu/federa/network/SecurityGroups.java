package eu.federa.network;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.cloud.registry.TenantNetworks;
import eu.federa.cloud.registry.TenantNetworks.CopyStatus;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A tenant's firewall: one security group of inbound rules that Federa keeps identical at every
 * provider the tenant uses. Members see it; tenant admins add and remove rules. A new tenant's
 * group lets SSH in from anywhere and nothing else. Each change is numbered, marked on every
 * provider's copy in the same transaction, and applied there by {@link SecurityGroupSync}; running
 * VMs follow.
 */
@ApplicationScoped
@Transactional
public class SecurityGroups {

  /** How many rules one tenant's firewall may hold. */
  public static final int MAX_RULES = 50;

  /** Who added the rules a new firewall starts with. */
  static final String SYSTEM = "system";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject TenantNetworks networks;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** A rule as pages and the API show it. */
  public record RuleView(
      long id,
      String protocol,
      Integer portFrom,
      Integer portTo,
      String ports,
      String source,
      boolean anywhere,
      String addedBy,
      Instant createdAt)
      implements Serializable {}

  /** The firewall: its rules, its revision and how far each provider's copy is. */
  public record Overview(long revision, List<RuleView> rules, List<CopyStatus> providers)
      implements Serializable {}

  /** The tenant's rules and each provider's copy (members). */
  public Overview overview(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    TenantSecurityGroup group = group(tenantId);
    return new Overview(
        group.getRevision(),
        rules(tenantId).stream().map(SecurityGroups::view).toList(),
        networks.status(tenantId));
  }

  /**
   * Adds an inbound rule (tenant admins).
   *
   * @throws InvalidInputException with the reason (a bad protocol, port or range, an overlap with a
   *     rule the tenant has, the limit); nothing is saved
   */
  public long add(long tenantId, String protocol, Integer portFrom, Integer portTo, String source) {
    Membership admin = access.require(tenantId, TenantPermission.MANAGE_TEAM);
    FirewallRule rule = FirewallRule.of(protocol, portFrom, portTo, source);
    // The group's row guards the count and the overlaps, on every node.
    TenantSecurityGroup group = group(tenantId);
    List<SecurityRule> kept = rules(tenantId);
    for (SecurityRule existing : kept) {
      if (existing.rule().overlaps(rule)) {
        throw new InvalidInputException(
            FieldError.of("source", "firewall.error.overlap", describe(existing.rule())));
      }
    }
    if (kept.size() >= MAX_RULES) {
      throw new InvalidInputException(FieldError.of("protocol", "firewall.error.limit", MAX_RULES));
    }
    SecurityRule saved = new SecurityRule(tenantId, rule, admin.getUserSubject(), clock.instant());
    em.persist(saved);
    em.flush();
    networks.rulesChanged(tenantId, group.changed(clock.instant()));
    audit.success(
        AuditAction.FIREWALL_RULE_ADDED,
        tenantId,
        AuditTarget.Kind.FIREWALL_RULE.of(saved.getId()),
        describe(rule));
    return saved.getId();
  }

  /**
   * Removes a rule (tenant admins); the providers' copies and the running VMs follow.
   *
   * @throws NotFoundException when the tenant has no such rule
   */
  public void remove(long tenantId, long ruleId) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    TenantSecurityGroup group = group(tenantId);
    SecurityRule rule = em.find(SecurityRule.class, ruleId);
    if (rule == null || rule.getTenantId() != tenantId) {
      throw new NotFoundException("firewall rule", ruleId);
    }
    em.remove(rule);
    networks.rulesChanged(tenantId, group.changed(clock.instant()));
    audit.success(
        AuditAction.FIREWALL_RULE_REMOVED,
        tenantId,
        AuditTarget.Kind.FIREWALL_RULE.of(ruleId),
        describe(rule.rule()));
  }

  /** The rules as the providers are to hold them, for provisioning and the sync (no caller). */
  public TenantNetworks.Rules atProviders(long tenantId) {
    TenantSecurityGroup group = group(tenantId);
    return new TenantNetworks.Rules(
        group.getRevision(), rules(tenantId).stream().map(r -> r.rule().atProvider()).toList());
  }

  /**
   * Marks every provider's copy as behind when the rules changed after revision {@code seen} (a
   * copy created from an older reading).
   */
  public void markIfChangedSince(long tenantId, long seen) {
    long now = group(tenantId).getRevision();
    if (now > seen) {
      networks.rulesChanged(tenantId, now);
    }
  }

  /**
   * The tenant's firewall row, locked, created with its first rules the first time it is asked for.
   * The insert takes the row's exclusive lock whether it creates the row or finds it (a plain
   * INSERT IGNORE would take a shared lock on a row that exists, and two callers upgrading theirs
   * would deadlock); a row at revision 0 is new, and whoever holds the lock gives it its rules.
   */
  private TenantSecurityGroup group(long tenantId) {
    Instant now = clock.instant();
    em.createNativeQuery(
            "INSERT IGNORE INTO security_group (tenant_id, revision, updated_at) VALUES (?1, 0, ?2)"
                + " ON DUPLICATE KEY UPDATE tenant_id = tenant_id")
        .setParameter(1, tenantId)
        .setParameter(2, now)
        .executeUpdate();
    TenantSecurityGroup group =
        em.find(TenantSecurityGroup.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
    if (group == null) {
      throw new NotFoundException("tenant", tenantId);
    }
    if (group.getRevision() == 0) {
      em.persist(new SecurityRule(tenantId, FirewallRule.SSH_FROM_ANYWHERE, SYSTEM, now));
      em.flush();
      group.changed(now);
    }
    return group;
  }

  /**
   * The rules as committed now, read under the firewall row's lock: a locking read, since the
   * transaction's snapshot may be older than the lock (when the caller's access was read first).
   */
  private List<SecurityRule> rules(long tenantId) {
    return em.createQuery(
            "select r from SecurityRule r where r.tenantId = :t order by r.id", SecurityRule.class)
        .setParameter("t", tenantId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  static RuleView view(SecurityRule r) {
    FirewallRule rule = r.rule();
    return new RuleView(
        r.getId(),
        rule.protocol().name(),
        rule.portFrom(),
        rule.portTo(),
        rule.ports(),
        rule.source().toString(),
        rule.source().anywhere(),
        r.getAddedBy(),
        r.getCreatedAt());
  }

  /** A rule in words, for messages and the audit log: "TCP 22 from 0.0.0.0/0". */
  static String describe(FirewallRule rule) {
    return rule.ports().isEmpty()
        ? AuditDetail.FIREWALL.text(rule.protocol(), rule.source())
        : AuditDetail.FIREWALL_PORTS.text(rule.protocol(), rule.ports(), rule.source());
  }
}
