package eu.federa.provisioning.web;

import eu.federa.cloud.CloudException;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.provisioning.Explanations;
import eu.federa.provisioning.OrderQueries;
import eu.federa.provisioning.OrderView;
import eu.federa.provisioning.Resizes;
import eu.federa.provisioning.VmActions;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/**
 * Backs a resource's page ({@code resource.xhtml?id=}): its state while it comes up (refreshed
 * without reloading), where it runs and why, and its actions. Another tenant's order is not found.
 */
@Named
@ViewScoped
public class ResourcePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient OrderQueries orders;
  @Inject transient VmActions actions;
  @Inject transient Resizes resizes;
  @Inject transient CurrentTenant tenant;

  private Long id;
  private OrderView order;
  private Explanations.Kept explanation;
  private int vcpu;
  private long memoryGib;

  public void load() throws IOException {
    if (id == null || tenant.getId() == null) {
      Pages.notFound();
      return;
    }
    try {
      order = orders.order(tenant.getId(), id);
      explanation = orders.explanation(tenant.getId(), id);
      vcpu = order.vcpu();
      memoryGib = order.memoryGib();
    } catch (NotFoundException e) {
      Pages.notFound();
    }
  }

  /** Called by the page's poll while the order is on its way. */
  public void refresh() {
    order = orders.order(tenant.getId(), id);
  }

  public void stop() {
    act(() -> actions.stop(tenant.getId(), id), "resource.stopping");
  }

  public void start() {
    act(() -> actions.start(tenant.getId(), id), "resource.starting");
  }

  public void reboot() {
    act(() -> actions.reboot(tenant.getId(), id), "resource.rebooting");
  }

  public void terminate() {
    act(() -> actions.terminate(tenant.getId(), id), "resource.terminating");
  }

  /** Resizes the stopped VM to the entered vCPU and memory; the page follows the saga. */
  public void resize() {
    try {
      resizes.resize(tenant.getId(), id, vcpu, memoryGib * 1024);
      FormMessages.info("resource.resizing");
    } catch (InvalidInputException e) {
      FormMessages.show("resource", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  public int getVcpu() {
    return vcpu;
  }

  public void setVcpu(int vcpu) {
    this.vcpu = vcpu;
  }

  public long getMemoryGib() {
    return memoryGib;
  }

  public void setMemoryGib(long memoryGib) {
    this.memoryGib = memoryGib;
  }

  private void act(Runnable action, String doneKey) {
    try {
      action.run();
      FormMessages.info(doneKey);
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (CloudException e) {
      FormMessages.error("resource.providerError", e.getMessage());
    }
    refresh();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public OrderView getOrder() {
    return order;
  }

  public Explanations.Kept getExplanation() {
    return explanation;
  }
}
