package eu.federa.provisioning.web;

import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.OrderApprovals;
import eu.federa.provisioning.OrderView;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import org.primefaces.model.LazyDataModel;

/** Backs the tenant admins' part of the resources page: the approval threshold and queue. */
@Named
@ViewScoped
public class ApprovalQueue implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OrderApprovals approvals;
  @Inject CurrentTenant tenant;

  private BigDecimal threshold;
  private LazyDataModel<OrderView> waiting;

  @PostConstruct
  void open() {
    if (tenant.isAdmin()) {
      threshold = approvals.thresholdOf(tenant.getId());
      load();
    }
  }

  /** The queue, a page at a time from the database (oldest first). */
  public void load() {
    Long tenantId = tenant.getId();
    waiting =
        new ServerPagedList<>(
            () -> service().countWaiting(tenantId),
            (first, max) -> service().waiting(tenantId, first, max),
            OrderView::id);
  }

  private static OrderApprovals service() {
    return CDI.current().select(OrderApprovals.class).get();
  }

  public void save() {
    try {
      approvals.setThreshold(tenant.getId(), threshold);
      FormMessages.info(threshold == null ? "approval.lifted" : "approval.saved");
    } catch (InvalidInputException e) {
      FormMessages.show("approval", e.errors());
    }
  }

  public void approve(long orderId) {
    decide(() -> approvals.approve(tenant.getId(), orderId), "approval.approved");
  }

  public void reject(long orderId) {
    decide(() -> approvals.reject(tenant.getId(), orderId), "approval.rejected");
  }

  private void decide(Runnable decision, String doneKey) {
    try {
      decision.run();
      FormMessages.info(doneKey);
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    load();
  }

  public BigDecimal getThreshold() {
    return threshold;
  }

  public void setThreshold(BigDecimal threshold) {
    this.threshold = threshold;
  }

  public LazyDataModel<OrderView> getWaiting() {
    return waiting;
  }
}
