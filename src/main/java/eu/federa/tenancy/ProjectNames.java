package eu.federa.tenancy;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.tenancy.TeamViews.ProjectName;
import java.util.List;

/**
 * A tenant's projects by name, id and name only (a filter's menu), as a part of a read of several
 * capabilities ({@link UnionRead}): the resource list reads them in the statement of its rows. The
 * caller has checked that its caller may see the tenant.
 */
public final class ProjectNames {

  private final UnionRead.Part part;

  private ProjectNames(UnionRead.Part part) {
    this.part = part;
  }

  /** Adds the tenant's projects to {@code read}. */
  public static ProjectNames readWith(UnionRead read, long tenantId) {
    read.set("projectNamesTenant", tenantId);
    return new ProjectNames(
        read.add(
            List.of(UnionRead.Column.number("p.id"), UnionRead.Column.text("p.name")),
            "FROM project p WHERE p.tenant_id = :projectNamesTenant",
            UnionRead.Sort.asc(1),
            UnionRead.Sort.asc(0)));
  }

  /** The projects the read found, by name. */
  public List<ProjectName> of(UnionRead.Result result) {
    return part.rows(result).stream().map(ProjectNames::name).toList();
  }

  private static ProjectName name(Row row) {
    return new ProjectName(row.lng(0), row.str(1));
  }
}
