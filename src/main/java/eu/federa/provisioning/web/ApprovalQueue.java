package eu.federa.provisioning.web;

import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.provisioning.OrderApprovals;
import eu.federa.provisioning.OrderView;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/** Backs the tenant admins' part of the resources page: the approval threshold and queue. */
@Named
@ViewScoped
public class ApprovalQueue implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OrderApprovals approvals;
  @Inject CurrentTenant tenant;

  private BigDecimal threshold;
  private List<OrderView> waiting = List.of();

  @PostConstruct
  void open() {
    if (tenant.isAdmin()) {
      threshold = approvals.thresholdOf(tenant.getId());
      load();
    }
  }

  public void load() {
    waiting = approvals.waiting(tenant.getId());
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

  public List<OrderView> getWaiting() {
    return waiting;
  }
}
