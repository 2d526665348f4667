package eu.federa.provisioning.web;

import eu.federa.billing.CostService;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderView;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.TeamViews;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.primefaces.model.LazyDataModel;

/** Backs the resource list: the tenant's VMs, paged by the database, refreshed while open. */
@Named
@ViewScoped
public class ResourceList implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CurrentTenant tenant;

  @Inject TeamProjects teamProjects;

  private LazyDataModel<OrderView> orders;
  private Long project;
  private List<TeamViews.ProjectInfo> projects = List.of();

  @PostConstruct
  void open() {
    if (tenant.getId() == null) {
      return;
    }
    projects = teamProjects.projects(tenant.getId());
    filter();
  }

  /** Lists the chosen project's resources (none chosen: all of the organisation's). */
  public void filter() {
    Long tenantId = tenant.getId();
    Long projectId = project;
    orders =
        new ServerPagedList<>(
            () -> service().count(tenantId, projectId),
            (first, max) -> service().orders(tenantId, projectId, first, max),
            OrderView::id);
  }

  public Long getProject() {
    return project;
  }

  public void setProject(Long project) {
    this.project = project;
  }

  public List<TeamViews.ProjectInfo> getProjects() {
    return projects;
  }

  private static OrderQueries service() {
    return CDI.current().select(OrderQueries.class).get();
  }

  public LazyDataModel<OrderView> getOrders() {
    return orders;
  }

  private transient Object costsOf;
  private transient Map<Long, BigDecimal> costs;

  /**
   * What a listed resource has cost so far (EUR, rated from its usage like an invoice), or empty
   * before it ran. Rated once per page of rows.
   */
  public String cost(long orderId) {
    List<OrderView> rows = orders == null ? null : orders.getWrappedData();
    if (rows == null) {
      return "";
    }
    if (costs == null || costsOf != rows) {
      costs =
          CDI.current()
              .select(CostService.class)
              .get()
              .costSoFar(tenant.getId(), rows.stream().map(OrderView::id).toList());
      costsOf = rows;
    }
    BigDecimal cost = costs.get(orderId);
    return cost == null ? "" : cost.toPlainString();
  }
}
