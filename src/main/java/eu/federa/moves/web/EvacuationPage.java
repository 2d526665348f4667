package eu.federa.moves.web;

import eu.federa.moves.MovePlans;
import eu.federa.moves.MoveView;
import eu.federa.moves.Moves;
import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * Backs a provider's evacuation page ({@code admin/evacuation.xhtml?provider=}, platform admins):
 * the plan over every tenant's VMs there, shown before anything moves, then the evacuation and the
 * moves off the provider with their progress.
 */
@Named
@ViewScoped
public class EvacuationPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject MovePlans plans;
  @Inject Moves moves;
  @Inject PublicUrl publicUrl;

  private Long provider;
  private MovePlans.Plan plan;
  private List<MoveView> list = List.of();
  private List<MovePlans.Started> started = List.of();

  public void load() throws IOException {
    if (provider == null) {
      Pages.notFound();
      return;
    }
    try {
      plan = plans.planEvacuation(provider);
      refresh();
    } catch (NotFoundException e) {
      Pages.notFound();
    }
  }

  public void refresh() {
    list = moves.offProvider(provider, 200);
  }

  public void evacuate() {
    started = plans.runEvacuation(provider, publicUrl.forProviders());
    long moving = started.stream().filter(s -> s.moveId() != null).count();
    FormMessages.info("move.plan.started", moving, started.size() - moving);
    plan = plans.planEvacuation(provider);
    refresh();
  }

  public boolean isBusy() {
    return list.stream().anyMatch(m -> !m.state().over());
  }

  public Long getProvider() {
    return provider;
  }

  public void setProvider(Long provider) {
    this.provider = provider;
  }

  public MovePlans.Plan getPlan() {
    return plan;
  }

  public List<MoveView> getList() {
    return list;
  }

  public List<MovePlans.Started> getStarted() {
    return started;
  }

  public long minutes(long seconds) {
    return seconds == 0 ? 0 : Math.max(1, (seconds + 59) / 60);
  }
}
