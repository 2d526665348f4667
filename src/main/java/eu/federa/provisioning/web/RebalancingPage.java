package eu.federa.provisioning.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.provisioning.AutomaticRebalancing;
import eu.federa.provisioning.HostMoves;
import eu.federa.provisioning.RebalancePlans;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the platform admins' rebalancing page: the plan as it would be made now, applying the moves
 * chosen, the moves made (with their progress, each one reversible), and automatic mode.
 */
@Named
@ViewScoped
public class RebalancingPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Moves a page of the moves' table shows. */
  static final int ROWS = 20;

  @Inject RebalancePlans plans;
  @Inject HostMoves hostMoves;
  @Inject AutomaticRebalancing automatic;

  private RebalancePlans.View view;
  private List<RebalancePlans.MoveLine> chosen = new ArrayList<>();
  private List<HostMoves.Started> started = List.of();
  private LazyDataModel<HostMoves.View> moves;
  private boolean moving;
  private AutomaticRebalancing.Policy policy;
  private boolean automaticOn;
  private boolean acrossProviders;
  private int maxMovesPerHour;
  private int maxMovesPerTenantPerHour;

  @PostConstruct
  void open() {
    view = plans.now();
    moves =
        ServerPagedList.of(
            HostMoves.class,
            (service, first, max) -> service.recent(first, max),
            ROWS,
            HostMoves.View::id);
    readPolicy();
    moving = hostMoves.anyMoving();
  }

  private void readPolicy() {
    policy = automatic.policy();
    automaticOn = policy.automatic();
    acrossProviders = policy.acrossProviders();
    maxMovesPerHour = policy.maxMovesPerHour();
    maxMovesPerTenantPerHour = policy.maxMovesPerTenantPerHour();
  }

  /** Plans again from the inventory now. */
  public void refresh() {
    view = plans.now();
    chosen = new ArrayList<>();
  }

  /** Called by the page's poll while a move is under way. */
  public void poll() {
    moving = hostMoves.anyMoving();
    if (!moving) {
      view = plans.now();
    }
  }

  /** Starts the moves chosen in the plan's table, then plans again. */
  public void applyChosen() {
    apply(chosen);
  }

  /** Starts all the plan's moves, then plans again. */
  public void applyAll() {
    apply(view.lines());
  }

  private void apply(List<RebalancePlans.MoveLine> lines) {
    started = List.of();
    if (lines.isEmpty()) {
      FormMessages.error("rebalance.apply.nothing");
      return;
    }
    Map<Long, String> names = new HashMap<>();
    lines.forEach(l -> names.put(l.orderId(), l.vmName()));
    started = hostMoves.apply(lines.stream().map(RebalancePlans.MoveLine::move).toList(), names);
    long ok = started.stream().filter(s -> s.moveId() != null).count();
    FormMessages.info("rebalance.apply.started", ok, started.size() - ok);
    chosen = new ArrayList<>();
    view = plans.now();
    moving = hostMoves.anyMoving();
  }

  /** Takes a move back. */
  public void reverse(long moveId) {
    try {
      hostMoves.reverse(moveId);
      FormMessages.info("rebalance.reverse.started");
      moving = true;
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("rebalance.reverse.gone");
    }
  }

  /** Saves automatic mode and its limits. */
  public void savePolicy() {
    try {
      automatic.change(automaticOn, maxMovesPerHour, maxMovesPerTenantPerHour, acrossProviders);
      FormMessages.info("rebalance.auto.saved");
      readPolicy();
    } catch (InvalidInputException e) {
      FormMessages.show("automatic", e.errors());
    }
  }

  public RebalancePlans.View getView() {
    return view;
  }

  public List<RebalancePlans.MoveLine> getChosen() {
    return chosen;
  }

  public void setChosen(List<RebalancePlans.MoveLine> chosen) {
    this.chosen = chosen == null ? new ArrayList<>() : new ArrayList<>(chosen);
  }

  /** What became of the moves asked for last, the ones that did not start first. */
  public List<HostMoves.Started> getStarted() {
    return started.stream().filter(s -> s.whyNot() != null).toList();
  }

  public LazyDataModel<HostMoves.View> getMoves() {
    return moves;
  }

  public boolean isMoving() {
    return moving;
  }

  public AutomaticRebalancing.Policy getPolicy() {
    return policy;
  }

  public boolean isAutomaticOn() {
    return automaticOn;
  }

  public void setAutomaticOn(boolean automaticOn) {
    this.automaticOn = automaticOn;
  }

  public boolean isAcrossProviders() {
    return acrossProviders;
  }

  public void setAcrossProviders(boolean acrossProviders) {
    this.acrossProviders = acrossProviders;
  }

  public int getMaxMovesPerHour() {
    return maxMovesPerHour;
  }

  public void setMaxMovesPerHour(int maxMovesPerHour) {
    this.maxMovesPerHour = maxMovesPerHour;
  }

  public int getMaxMovesPerTenantPerHour() {
    return maxMovesPerTenantPerHour;
  }

  public void setMaxMovesPerTenantPerHour(int maxMovesPerTenantPerHour) {
    this.maxMovesPerTenantPerHour = maxMovesPerTenantPerHour;
  }
}
