package eu.federa.moves.web;

import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.moves.MovePlans;
import eu.federa.moves.MoveView;
import eu.federa.moves.Moves;
import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.tenancy.TeamProjects;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backs the organisation's moves page ({@code moves.xhtml}): its moves with their progress, and for
 * tenant admins the plan of moving all its VMs (or one project's) off a provider, shown before
 * anything moves, then started.
 */
@Named
@ViewScoped
public class MovesPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Moves moves;
  @Inject MovePlans plans;
  @Inject ProviderDirectory providers;
  @Inject TeamProjects projects;
  @Inject CurrentTenant tenant;
  @Inject PublicUrl publicUrl;

  private List<MoveView> list = List.of();
  private Map<Long, String> providerNames = new LinkedHashMap<>();
  private Map<Long, String> projectNames = new LinkedHashMap<>();
  private Long fromProviderId;
  private Long projectId;
  private MovePlans.Plan plan;
  private List<MovePlans.Started> started = List.of();

  public void load() {
    if (tenant.getId() == null) {
      return; // no organisation (a platform admin): nothing of its own to move
    }
    refresh();
    providerNames = new LinkedHashMap<>();
    providers
        .enabled()
        .forEach(p -> providerNames.put(p.id(), p.name() + " (" + p.countryCode() + ")"));
    projectNames = new LinkedHashMap<>();
    if (tenant.isAdmin()) {
      projects.projectNames(tenant.getId()).forEach(p -> projectNames.put(p.id(), p.name()));
    }
  }

  /** Called by the page's poll while a move is on its way. */
  public void refresh() {
    list = tenant.getId() == null ? List.of() : moves.list(tenant.getId(), 0, 50);
  }

  /** The plan of moving the VMs off the chosen provider: nothing moves yet. */
  public void plan() {
    started = List.of();
    if (fromProviderId == null) {
      FormMessages.error("move.error.noProvider");
      return;
    }
    try {
      plan = plans.planTenant(tenant.getId(), fromProviderId, projectId);
    } catch (NotFoundException e) {
      FormMessages.error("move.error.noProvider");
    }
  }

  /** Starts the plan's moves (planned again: the federation may have changed since). */
  public void run() {
    if (plan == null) {
      return;
    }
    try {
      started =
          plans.runTenant(
              tenant.getId(), plan.providerId(), plan.projectId(), publicUrl.forProviders());
      long moving = started.stream().filter(s -> s.moveId() != null).count();
      FormMessages.info("move.plan.started", moving, started.size() - moving);
      plan = null;
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  public boolean isBusy() {
    return list.stream().anyMatch(m -> !m.state().over());
  }

  public List<MoveView> getList() {
    return list;
  }

  public Map<Long, String> getProviderNames() {
    return providerNames;
  }

  public Map<Long, String> getProjectNames() {
    return projectNames;
  }

  public Long getFromProviderId() {
    return fromProviderId;
  }

  public void setFromProviderId(Long fromProviderId) {
    this.fromProviderId = fromProviderId;
  }

  public Long getProjectId() {
    return projectId;
  }

  public void setProjectId(Long projectId) {
    this.projectId = projectId;
  }

  public MovePlans.Plan getPlan() {
    return plan;
  }

  public List<MovePlans.Started> getStarted() {
    return started;
  }

  /** The expected downtime in whole minutes (at least one when there is any). */
  public long minutes(long seconds) {
    return seconds == 0 ? 0 : Math.max(1, (seconds + 59) / 60);
  }
}
