package eu.federa.provisioning.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.provisioning.AiServiceView;
import eu.federa.provisioning.AiServices;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/** Backs an AI service's page ({@code ai-service.xhtml?id=}): state, URL, VMs and actions. */
@Named
@ViewScoped
public class AiServicePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject eu.federa.platform.http.PublicUrl publicUrl;
  @Inject AiServices ai;
  @Inject CurrentTenant tenant;
  @Inject eu.federa.provisioning.VmConsoles consoles;
  @Inject eu.federa.tenancy.TeamProjects projects;
  @Inject eu.federa.provisioning.OrderQueries orders;

  private Long id;
  private AiServiceView service;
  private String projectName;
  private eu.federa.provisioning.OrderQueries.TenantEnergy energy;

  public void load() throws IOException {
    if (id == null || tenant.getId() == null) {
      Pages.notFound();
      return;
    }
    try {
      service = ai.service(tenant.getId(), id);
      projectName =
          service.projectId() == null
              ? null
              : projects.project(tenant.getId(), service.projectId()).name();
      energy = orders.serviceEnergy(tenant.getId(), id);
    } catch (NotFoundException e) {
      Pages.notFound();
    }
  }

  public void refresh() {
    service = ai.service(tenant.getId(), id);
    // The estimate again only when its VMs that run have changed.
    long running =
        service.vms().stream()
            .filter(v -> v.state() == eu.federa.provisioning.OrderState.RUNNING)
            .count();
    if (energy == null || energy.vms() != running) {
      energy = orders.serviceEnergy(tenant.getId(), id);
    }
  }

  /** Its running VMs' estimated energy and CO₂e a month. */
  public eu.federa.provisioning.OrderQueries.TenantEnergy getEnergy() {
    return energy;
  }

  public void stop() {
    act(() -> ai.stop(tenant.getId(), id), "resource.stopping");
  }

  public void start() {
    act(() -> ai.start(tenant.getId(), id), "resource.starting");
  }

  public void terminate() {
    act(() -> ai.terminate(tenant.getId(), id), "ai.terminating");
  }

  private void act(Runnable action, String doneKey) {
    try {
      action.run();
      FormMessages.info(doneKey);
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  /**
   * Opens the notebook's JupyterLab: a link signed for the caller, followed at once (checked again
   * when it is used).
   */
  public void openNotebook() throws java.io.IOException {
    AiServiceView s = getService();
    if (s == null || s.vms().isEmpty()) {
      return;
    }
    try {
      String link =
          consoles.link(
              tenant.getId(),
              s.vms().get(0).id(),
              eu.federa.provisioning.VmConsoles.Target.NOTEBOOK);
      jakarta.faces.context.ExternalContext ec =
          jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
      ec.redirect(ec.getRequestContextPath() + "/" + link);
    } catch (eu.federa.platform.validation.ConflictException refused) {
      eu.federa.platform.web.FormMessages.error(refused.messageKey());
    }
  }

  /** The AI gateway's address, where an inference endpoint is called (its name as the model). */
  public String getGatewayUrl() {
    return publicUrl.base() + AiServices.GATEWAY_PATH;
  }

  /** The service's project, or null for the organisation's own. */
  public String getProjectName() {
    return projectName;
  }

  public AiServiceView getService() {
    return service;
  }
}
