package eu.federa.provisioning;

import eu.federa.billing.CostService;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews.ProjectName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the resource list shows in one call and one transaction: a page of the organisation's VMs,
 * what each has cost so far and, when asked, its projects for the filter. Each service it asks
 * checks the caller; within the one transaction the membership is read once.
 */
@ApplicationScoped
public class ResourceListing {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject OrderQueries orders;
  @Inject CostService costs;
  @Inject TeamProjects teamProjects;

  /**
   * @param projects the organisation's projects (null when not asked for)
   */
  public record Shown(
      OrderQueries.Page page, Map<Long, BigDecimal> costs, List<ProjectName> projects) {}

  /**
   * @param projectId only this project's (null: all of the organisation's)
   * @param first the first row wanted; past the end, the last page there is
   */
  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Shown read(long tenantId, Long projectId, int first, int max, boolean withProjects) {
    ReadOnlyCalls.mark(em);
    OrderQueries.Page page = orders.page(tenantId, projectId, first, max);
    return new Shown(
        page,
        page.rows().isEmpty()
            ? Map.of()
            : costs.costSoFar(tenantId, page.rows().stream().map(OrderView::id).toList()),
        withProjects ? teamProjects.projectNames(tenantId) : null);
  }
}
