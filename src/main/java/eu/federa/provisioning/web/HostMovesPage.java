package eu.federa.provisioning.web;

import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.HostMoves;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the list, on the organisation's moves page, of its VMs' moves to another host of their
 * provider made by the platform (rebalancing), newest first.
 */
@Named
@ViewScoped
public class HostMovesPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CurrentTenant tenant;

  private LazyDataModel<HostMoves.View> moves;

  @PostConstruct
  void open() {
    Long tenantId = tenant.getId();
    if (tenantId != null) {
      long id = tenantId;
      moves =
          ServerPagedList.of(
              HostMoves.class,
              (service, first, max) -> service.ofTenant(id, first, max),
              RebalancingPage.ROWS,
              HostMoves.View::id);
    }
  }

  public LazyDataModel<HostMoves.View> getMoves() {
    return moves;
  }
}
