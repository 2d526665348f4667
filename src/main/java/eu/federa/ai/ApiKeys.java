package eu.federa.ai;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.AccessDeniedException;
import eu.federa.platform.security.BearerSecret;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.provisioning.AiServices;
import eu.federa.tenancy.Membership;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import eu.federa.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The organisation's API keys for the AI gateway: members and tenant admins create them (the secret
 * is shown once), see theirs (tenant admins: all), and revoke them; a tenant admin may keep a key
 * whose creator left, for its project. Each change is audited.
 */
@ApplicationScoped
@Transactional
public class ApiKeys {

  /** How many keys that still work one organisation may hold. */
  public static final int MAX_ACTIVE_PER_TENANT = 200;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject TeamProjects projects;
  @Inject AiServices services;
  @Inject AuditLog audit;
  @Inject Event<KeyChanges.Changed> changes;
  @Inject CurrentUser caller;
  @Inject Clock clock;

  /** A new key with its secret, which is never shown again. */
  public record Created(long id, String secret, String prefix) implements Serializable {
    @Override
    public String toString() {
      return "Created[" + id + ", " + prefix + "…]";
    }
  }

  /**
   * Creates a key (any member who may order; for a project they work in).
   *
   * @throws InvalidInputException for a bad form, an endpoint or project not the tenant's, or too
   *     many keys; nothing is saved
   */
  public Created create(long tenantId, KeyForm form) {
    Membership member = access.require(tenantId, TenantPermission.ORDER);
    Instant now = clock.instant();
    form.check(now);
    if (form.projectId() != null) {
      projects.project(tenantId, form.projectId()); // 404 when not the tenant's
      if (!member.worksIn(form.projectId())) {
        throw new AccessDeniedException(
            "not a member of project " + form.projectId() + " in tenant " + tenantId);
      }
    }
    if (!form.allEndpoints()) {
      Map<Long, AiServices.Endpoint> inference =
          services.liveEndpoints(tenantId).stream()
              .collect(Collectors.toMap(AiServices.Endpoint::id, e -> e));
      if (!inference.keySet().containsAll(form.serviceIds())) {
        throw new InvalidInputException(FieldError.of("endpoints", "aikey.error.endpointUnknown"));
      }
      if (form.serviceIds().stream()
          .anyMatch(
              id ->
                  !GatewayCaller.projectReaches(form.projectId(), inference.get(id).projectId()))) {
        throw new InvalidInputException(
            FieldError.of("endpoints", "aikey.error.endpointOfAnotherProject"));
      }
    }
    // The tenant's row guards the count on every node.
    access.lockTenant(tenantId);
    long active =
        em.createQuery(
                "select count(k) from ApiKey k where k.tenantId = :t and k.revokedAt is null"
                    + " and (k.expiresAt is null or k.expiresAt > :now)",
                Long.class)
            .setParameter("t", tenantId)
            .setParameter("now", now)
            .getSingleResult();
    if (active >= MAX_ACTIVE_PER_TENANT) {
      throw new InvalidInputException(
          FieldError.of("name", "aikey.error.tooMany", MAX_ACTIVE_PER_TENANT));
    }
    BearerSecret secret = BearerSecret.generate(BearerSecret.API_KEY);
    ApiKey key = new ApiKey(tenantId, form, secret, member.getUserSubject(), callerName(), now);
    em.persist(key);
    em.flush();
    audit.success(
        AuditAction.AI_KEY_CREATED,
        tenantId,
        AuditTarget.Kind.API_KEY.of(key.getId()),
        form.projectId() == null
            ? form.allEndpoints()
                ? AuditDetail.KEY_CREATED_ALL.text(key.getName(), secret.prefix())
                : AuditDetail.KEY_CREATED.text(key.getName(), secret.prefix(), form.serviceIds())
            : form.allEndpoints()
                ? AuditDetail.KEY_CREATED_PROJECT_ALL.text(
                    key.getName(), secret.prefix(), form.projectId())
                : AuditDetail.KEY_CREATED_PROJECT.text(
                    key.getName(), secret.prefix(), form.projectId(), form.serviceIds()));
    return new Created(key.getId(), secret.value(), secret.prefix());
  }

  /**
   * The keys the caller may see (a tenant admin all of the organisation's, a member their own),
   * {@code first} to {@code first + max}, newest first, and how many there are.
   */
  public ResultPage<KeyView> page(long tenantId, int first, int max) {
    Membership member = access.require(tenantId, TenantPermission.VIEW);
    boolean admin = member.getRole() == TenantRole.TENANT_ADMIN;
    String mine = admin ? "" : " and k.createdBy = :s";
    TypedQuery<Long> count =
        em.createQuery("select count(k) from ApiKey k where k.tenantId = :t" + mine, Long.class)
            .setParameter("t", tenantId);
    TypedQuery<Long> ids =
        em.createQuery(
                "select k.id from ApiKey k where k.tenantId = :t"
                    + mine
                    + " order by k.createdAt desc, k.id desc",
                Long.class)
            .setParameter("t", tenantId);
    if (!admin) {
      count.setParameter("s", member.getUserSubject());
      ids.setParameter("s", member.getUserSubject());
    }
    ResultPage<ApiKey> page =
        ResultPage.readByIds(
            count,
            ids,
            first,
            max,
            wanted ->
                em.createQuery(
                        "select distinct k from ApiKey k left join fetch k.serviceIds"
                            + " where k.id in :ids",
                        ApiKey.class)
                    .setParameter("ids", wanted)
                    .getResultList(),
            ApiKey::getId);
    return new ResultPage<>(views(tenantId, page.rows()), page.total());
  }

  private List<KeyView> views(long tenantId, List<ApiKey> keys) {
    Instant now = clock.instant();
    Set<Long> reached = new HashSet<>();
    keys.forEach(k -> reached.addAll(k.getServiceIds()));
    Map<Long, String> serviceNames = services.names(tenantId, reached);
    Map<Long, String> projectNames =
        projects.projectNames(tenantId).stream()
            .collect(Collectors.toMap(p -> p.id(), p -> p.name(), (a, b) -> a));
    Set<String> creators = new HashSet<>();
    keys.forEach(k -> creators.add(k.getCreatedBy()));
    Set<String> members = access.membersAmong(tenantId, creators);
    return keys.stream()
        .map(
            k ->
                new KeyView(
                    k.getId(),
                    k.getName(),
                    k.getKeyPrefix(),
                    k.getProjectId(),
                    k.getProjectId() == null ? null : projectNames.get(k.getProjectId()),
                    k.isAllEndpoints(),
                    k.getServiceIds().stream()
                        .map(id -> serviceNames.getOrDefault(id, "#" + id))
                        .sorted()
                        .toList(),
                    k.getRequestsPerMinute(),
                    k.getTokensPerMinute(),
                    k.getCreatedByName(),
                    k.getCreatedAt(),
                    k.getExpiresAt(),
                    k.getRevokedAt(),
                    k.getLastUsedAt(),
                    status(k, members.contains(k.getCreatedBy()), now)))
        .toList();
  }

  static String status(ApiKey k, boolean creatorIsMember, Instant now) {
    if (k.revoked()) {
      return "REVOKED";
    }
    if (k.expired(now)) {
      return "EXPIRED";
    }
    if (!creatorIsMember && !k.keptByProject()) {
      return "CREATOR_LEFT";
    }
    return "ACTIVE";
  }

  /**
   * Revokes a key (its creator or a tenant admin): the next request with it is refused.
   *
   * @throws NotFoundException when it is not the organisation's, or not the caller's to see
   */
  public void revoke(long tenantId, long keyId) {
    Membership member = access.require(tenantId, TenantPermission.VIEW);
    ApiKey key = keyOf(tenantId, keyId, member);
    if (key.revoked()) {
      return;
    }
    key.revoke(callerName(), clock.instant());
    audit.success(
        AuditAction.AI_KEY_REVOKED,
        tenantId,
        AuditTarget.Kind.API_KEY.of(keyId),
        AuditDetail.NAMED_KEY.text(key.getName(), key.getKeyPrefix()));
    changes.fire(new KeyChanges.Changed(keyId));
  }

  /**
   * Keeps a key working although its creator left the organisation (tenant admins): it then acts
   * for its project, or the organisation.
   */
  public void keepForProject(long tenantId, long keyId) {
    Membership admin = access.require(tenantId, TenantPermission.MANAGE_TEAM);
    ApiKey key = keyOf(tenantId, keyId, admin);
    key.keepForProject(clock.instant());
    audit.success(
        AuditAction.AI_KEY_KEPT,
        tenantId,
        AuditTarget.Kind.API_KEY.of(keyId),
        AuditDetail.KEY_KEPT.text(key.getName(), key.getKeyPrefix(), key.getCreatedByName()));
    changes.fire(new KeyChanges.Changed(keyId));
  }

  private String callerName() {
    return caller.user().map(u -> u.displayName() + " (" + u.username() + ")").orElse("platform");
  }

  private ApiKey keyOf(long tenantId, long keyId, Membership member) {
    ApiKey key = em.find(ApiKey.class, keyId, LockModeType.PESSIMISTIC_WRITE);
    if (key == null
        || key.getTenantId() != tenantId
        || (member.getRole() != TenantRole.TENANT_ADMIN
            && !key.getCreatedBy().equals(member.getUserSubject()))) {
      throw new NotFoundException("API key", keyId);
    }
    return key;
  }
}
