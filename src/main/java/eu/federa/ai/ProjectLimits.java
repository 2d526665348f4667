package eu.federa.ai;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests and tokens per minute for all the API keys of a project together, beside each key's own:
 * tenant admins set them; the gateway counts them like a key's (see {@link RateLimits}) and answers
 * 429 naming the project's limit. A change reaches the gateway with the keys' next read (within
 * {@code FEDERA_AI_KEY_CACHE_MILLIS}).
 */
@ApplicationScoped
@Transactional
public class ProjectLimits {

  /** A project's limits, or none (both null). */
  public record Form(Integer requestsPerMinute, Integer tokensPerMinute) implements Serializable {

    void check() {
      List<FieldError> errors = new ArrayList<>();
      KeyForm.checkLimit(requestsPerMinute, "requestsPerMinute", errors);
      KeyForm.checkLimit(tokensPerMinute, "tokensPerMinute", errors);
      if (!errors.isEmpty()) {
        throw new InvalidInputException(errors);
      }
    }
  }

  /** A project of the organisation with its limits (null: none). */
  public record View(
      long projectId,
      String projectName,
      Integer requestsPerMinute,
      Integer tokensPerMinute,
      Instant updatedAt,
      String updatedBy)
      implements Serializable {}

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject KeyChanges keyChanges;
  @Inject TeamProjects projects;
  @Inject AuditLog audit;
  @Inject CurrentUser caller;
  @Inject Clock clock;

  /** The limits of a project's keys together, {requests, tokens} per minute (nulls: none). */
  static Integer[] of(EntityManager em, Long projectId) {
    if (projectId == null) {
      return new Integer[2];
    }
    return Row.first(
            em.createNativeQuery(
                    "SELECT requests_per_minute, tokens_per_minute FROM ai_project_limit"
                        + " WHERE project_id = ?1")
                .setParameter(1, projectId))
        .map(r -> new Integer[] {r.intOrNull(0), r.intOrNull(1)})
        .orElseGet(() -> new Integer[2]);
  }

  /** Every project of the organisation with its limits (any member). */
  public List<View> list(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    Map<Long, Row> set = new HashMap<>();
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT project_id, requests_per_minute, tokens_per_minute, updated_at,"
                        + " updated_by FROM ai_project_limit WHERE tenant_id = ?1")
                .setParameter(1, tenantId))) {
      set.put(r.lng(0), r);
    }
    List<View> views = new ArrayList<>();
    for (TeamViews.ProjectName p : projects.projectNames(tenantId)) {
      Row r = set.get(p.id());
      views.add(
          r == null
              ? new View(p.id(), p.name(), null, null, null, null)
              : new View(p.id(), p.name(), r.intOrNull(1), r.intOrNull(2), r.instant(3), r.str(4)));
    }
    return views;
  }

  /**
   * Sets a project's limits (tenant admins); both empty removes them.
   *
   * @throws InvalidInputException for a limit out of range; nothing changes
   * @throws eu.federa.platform.security.NotFoundException for a project not the tenant's
   */
  public void set(long tenantId, long projectId, Form form) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    String projectName = projects.project(tenantId, projectId).name(); // 404 if not the tenant's
    form.check();
    if (form.requestsPerMinute() == null && form.tokensPerMinute() == null) {
      em.createNativeQuery("DELETE FROM ai_project_limit WHERE project_id = ?1")
          .setParameter(1, projectId)
          .executeUpdate();
    } else {
      em.createNativeQuery(
              "INSERT INTO ai_project_limit (project_id, tenant_id, requests_per_minute,"
                  + " tokens_per_minute, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                  + " ON DUPLICATE KEY UPDATE requests_per_minute = ?3, tokens_per_minute = ?4,"
                  + " updated_at = ?5, updated_by = ?6")
          .setParameter(1, projectId)
          .setParameter(2, tenantId)
          .setParameter(3, form.requestsPerMinute())
          .setParameter(4, form.tokensPerMinute())
          .setParameter(5, clock.instant())
          .setParameter(6, caller.user().map(u -> u.displayName()).orElse("platform"))
          .executeUpdate();
    }
    keyChanges.projectLimitsChanged(projectId);
    audit.success(
        AuditAction.AI_PROJECT_LIMITS_SET,
        tenantId,
        AuditTarget.Kind.PROJECT.of(projectId),
        AuditDetail.AI_LIMITS.text(
            projectName,
            form.requestsPerMinute() == null ? "no" : form.requestsPerMinute(),
            form.tokensPerMinute() == null ? "no" : form.tokensPerMinute()));
  }
}
