package eu.federa.provisioning.web;

import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.OrderService;
import eu.federa.provisioning.OrderView;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/** Backs the resource list: the tenant's VMs, paged by the database, refreshed while open. */
@Named
@ViewScoped
public class ResourceList implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient CurrentTenant tenant;

  private LazyDataModel<OrderView> orders;

  @PostConstruct
  void open() {
    Long tenantId = tenant.getId();
    if (tenantId == null) {
      return;
    }
    orders =
        new ServerPagedList<>(
            () -> service().count(tenantId),
            (first, max) -> service().orders(tenantId, first, max),
            OrderView::id);
  }

  private static OrderService service() {
    return CDI.current().select(OrderService.class).get();
  }

  public LazyDataModel<OrderView> getOrders() {
    return orders;
  }
}
