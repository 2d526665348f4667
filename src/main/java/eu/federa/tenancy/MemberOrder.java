package eu.federa.tenancy;

import eu.federa.platform.persistence.LikePattern;
import eu.federa.platform.persistence.ResultPage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a tenant's members are listed, page by page, in the database: by the name shown (a person's
 * display name, a service account's name, kept with the membership; else the subject), in the
 * column's collation (letters without regard to case or accents), then in the order they joined.
 * With a project, only those in it (or only those not in it); with a search, only those whose name
 * holds it (in the same collation). Who may read them is the caller's check.
 */
final class MemberOrder {

  private final EntityManager em;
  private final long tenantId;
  private final Long projectId;
  private final boolean inProject;
  private final String nameHolds;

  MemberOrder(EntityManager em, long tenantId, Long projectId, boolean inProject) {
    this(em, tenantId, projectId, inProject, null);
  }

  /**
   * @param nameHolds only members whose name holds this text, taken as it is written (its {@code %}
   *     and {@code _} are no wildcards); null or blank: all
   */
  MemberOrder(
      EntityManager em, long tenantId, Long projectId, boolean inProject, String nameHolds) {
    this.em = em;
    this.tenantId = tenantId;
    this.projectId = projectId;
    this.inProject = inProject;
    this.nameHolds = nameHolds == null || nameHolds.isBlank() ? null : nameHolds.strip();
  }

  /** How many members there are in all. */
  long count() {
    return bind(em.createQuery("select count(m) from Membership m" + where(), Long.class))
        .getSingleResult();
  }

  /** The ids of the memberships from {@code first}, at most {@code max} of them. */
  List<Long> ids(int first, int max) {
    if (max <= 0) {
      return List.of();
    }
    return ResultPage.window(
            bind(
                em.createQuery(
                    "select m.id from Membership m"
                        + where()
                        + " order by coalesce(m.memberName, m.userSubject), m.id",
                    Long.class)),
            first,
            max)
        .getResultList();
  }

  /** The memberships with these ids in the order of the ids, each with its projects. */
  List<Membership> memberships(List<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<Long, Membership> byId = new HashMap<>();
    em.createQuery(
            "select distinct m from Membership m left join fetch m.projects where m.id in :ids",
            Membership.class)
        .setParameter("ids", ids)
        .getResultList()
        .forEach(m -> byId.put(m.getId(), m));
    return ids.stream().map(byId::get).toList();
  }

  private String where() {
    return " where m.tenant.id = :t"
        + (projectId == null
            ? ""
            : " and m.id "
                + (inProject ? "in" : "not in")
                + " (select pm.id from Membership pm join pm.projects p where p.id = :p)")
        + (nameHolds == null
            ? ""
            : " and coalesce(m.memberName, m.userSubject) like :name" + LikePattern.ESCAPE);
  }

  private <T> TypedQuery<T> bind(TypedQuery<T> query) {
    query.setParameter("t", tenantId);
    if (projectId != null) {
      query.setParameter("p", projectId);
    }
    if (nameHolds != null) {
      query.setParameter("name", LikePattern.containing(nameHolds));
    }
    return query;
  }
}
