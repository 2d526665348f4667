package eu.federa.tenancy;

import eu.federa.platform.ReadsTablesOf;
import eu.federa.platform.persistence.ReferenceRevision;
import eu.federa.platform.persistence.RequestRevision;
import eu.federa.platform.security.CallerStanding;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signed-in caller as this request read them, in its first statement: whether their account is
 * disabled (the sign-in filter asks, through {@link CallerStanding}) and their memberships (every
 * page's header and menu, and the membership check of a page's read-only call, {@link
 * TenantAccess}); the same statement reads the reference data's revision for the request ({@link
 * RequestRevision}: the catalog and the price lists a node keeps are checked against it). Read once
 * a request and caller, never kept longer: the next request reads again, so a disabled account or a
 * removed membership counts from the next request on, on every node.
 */
@RequestScoped
@ReadsTablesOf(
    value = {"identity"},
    reason =
        "every request's first read: whether the account is disabled, in the same statement as"
            + " the caller's memberships (one statement and one connection instead of two)")
public class CallerMemberships implements CallerStanding {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject RequestRevision revision;

  private String subject;
  private Read read;

  /**
   * What a request read of its caller.
   *
   * @param membershipIds each membership's id by its tenant's
   * @param referenceRevision the reference data's revision ({@code ReferenceRevision}), read in the
   *     same statement
   */
  public record Read(
      boolean disabled,
      List<MyMembership> memberships,
      Map<Long, Long> membershipIds,
      Long referenceRevision) {

    MyMembership in(long tenantId) {
      return memberships.stream().filter(m -> m.tenantId() == tenantId).findFirst().orElse(null);
    }
  }

  @Override
  public boolean disabled(String subject) {
    return of(subject).disabled();
  }

  /** What this request read of {@code subject}, read now if it has not yet. */
  public Read of(String subject) {
    if (read == null || !subject.equals(this.subject)) {
      read = read(em, subject);
      this.subject = subject;
      if (read.referenceRevision() != null) {
        revision.seen(read.referenceRevision());
      }
    }
    return read;
  }

  /** What this request already read of {@code subject}; null when it has read nothing of them. */
  public Read readBefore(String subject) {
    return read != null && subject.equals(this.subject) ? read : null;
  }

  /**
   * One statement, outside a transaction when called outside one: the account's row (part 0; none
   * for a subject without an account), one row a membership and administered project (part 1,
   * tenants by name), and the reference data's revision (part 2, in the third column).
   */
  @SuppressWarnings("unchecked")
  static Read read(EntityManager em, String subject) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT 0 AS part, disabled_at IS NOT NULL AS disabled, NULL AS membership_id,"
                    + " NULL AS tenant_id, NULL AS tenant_name, NULL AS role, NULL AS suspended,"
                    + " NULL AS suspended_reason, NULL AS project_id"
                    + " FROM portal_user WHERE subject = ?1"
                    + " UNION ALL SELECT 1, NULL, m.id, t.id, t.name, m.role,"
                    + " t.suspended_at IS NOT NULL, t.suspended_reason, pa.project_id"
                    + " FROM tenant_membership m JOIN tenant t ON t.id = m.tenant_id"
                    + " LEFT JOIN project_admin pa ON pa.membership_id = m.id"
                    + " WHERE m.user_subject = ?2"
                    + " UNION ALL SELECT 2, NULL, r.revision, NULL, NULL, NULL, NULL, NULL, NULL"
                    + " FROM ("
                    + ReferenceRevision.SELECT
                    + ") r"
                    + " ORDER BY part, tenant_name, tenant_id, project_id")
            .setParameter(1, subject)
            .setParameter(2, subject)
            .getResultList();
    boolean disabled = false;
    Long revision = null;
    List<MyMembership> memberships = new ArrayList<>();
    Map<Long, Long> ids = new HashMap<>();
    int i = 0;
    while (i < rows.size()) {
      Object[] first = rows.get(i);
      long part = number(first[0]);
      if (part != 1) {
        if (part == 0) {
          disabled = number(first[1]) != 0;
        } else {
          revision = number(first[2]);
        }
        i++;
        continue;
      }
      long tenantId = number(first[3]);
      Set<Long> administered = new TreeSet<>();
      // one row a project administered (one with none for most): rows of a tenant are together
      for (;
          i < rows.size() && number(rows.get(i)[0]) == 1 && number(rows.get(i)[3]) == tenantId;
          i++) {
        if (rows.get(i)[8] != null) {
          administered.add(number(rows.get(i)[8]));
        }
      }
      ids.put(tenantId, number(first[2]));
      memberships.add(
          new MyMembership(
              tenantId,
              (String) first[4],
              TenantRole.valueOf((String) first[5]),
              number(first[6]) != 0,
              (String) first[7],
              administered));
    }
    return new Read(disabled, List.copyOf(memberships), Map.copyOf(ids), revision);
  }

  private static long number(Object value) {
    return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
  }
}
