package eu.federa.provisioning;

import eu.federa.billing.CostService;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.persistence.UnionReads;
import eu.federa.tenancy.ProjectNames;
import eu.federa.tenancy.TeamViews.ProjectName;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the resource list shows, in one statement and no transaction: a page of the organisation's
 * VMs with how many there are, the usage each has had (billing rates its cost so far) and, when
 * asked, the organisation's projects for the filter. Each capability adds the part of the statement
 * that reads its own tables ({@link UnionRead}); the caller's membership is checked from what the
 * request read of them in its first statement. One round trip instead of five (with the
 * transaction's); under load on loopback that did not show in the page's machine time, which goes
 * to executing the reads and drawing (docs/performance.md, "Tenth pass").
 */
@ApplicationScoped
public class ResourceListing {

  @Inject UnionReads reads;
  @Inject TenantAccess access;
  @Inject CostService costs;

  /**
   * @param projects the organisation's projects (null when not asked for)
   */
  public record Shown(
      OrderQueries.Page page, Map<Long, BigDecimal> costs, List<ProjectName> projects) {}

  /**
   * @param projectId only this project's (null: all of the organisation's)
   * @param first the first row wanted; past the end, the last page there is
   */
  // outside any transaction: one statement sees one committed state, and a caller's transaction
  // that writes is never the one it reads in
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Shown read(long tenantId, Long projectId, int first, int max, boolean withProjects) {
    access.requireToRead(tenantId, TenantPermission.VIEW);
    Shown shown = readPage(tenantId, projectId, first, max, withProjects);
    OrderQueries.Page page = shown.page();
    if (page.rows().isEmpty() && first > 0 && page.total() > 0) {
      // past the end (rows ended since the pager was drawn): the last page there is
      // (the projects the first read found hold: not read again)
      int last = (int) ((page.total() - 1) / max) * max;
      Shown lastPage = readPage(tenantId, projectId, last, max, false);
      shown = new Shown(lastPage.page(), lastPage.costs(), shown.projects());
    }
    return shown;
  }

  private Shown readPage(long tenantId, Long projectId, int first, int max, boolean withProjects) {
    UnionRead read = new UnionRead();
    OrderQueries.PageRead orders = OrderQueries.pageWith(read, tenantId, projectId, first, max);
    CostService.SoFar usage = costs.costsSoFarWith(read, tenantId, orders.ids());
    ProjectNames projects = withProjects ? ProjectNames.readWith(read, tenantId) : null;
    UnionRead.Result result = reads.run(read);
    OrderQueries.Page page = orders.of(result);
    return new Shown(
        page,
        page.rows().isEmpty()
            ? Map.of()
            : costs.costSoFar(usage, result, page.rows().stream().map(ResourceRow::id).toList()),
        projects == null ? null : projects.of(result));
  }
}
