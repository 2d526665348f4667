package eu.federa.moves.web;

import eu.federa.moves.MoveView;
import eu.federa.moves.Moves;
import eu.federa.platform.http.PublicUrl;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.Pages;
import eu.federa.provisioning.OrderMoves;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;

/**
 * Backs a VM's move page ({@code move.xhtml?order=}): where it could go (placement's verdict for
 * each provider, its price there and the difference, the expected downtime), the move once started
 * with its progress (refreshed without reloading), and the decision after the cutover. Another
 * tenant's VM is not found.
 */
@Named
@ViewScoped
public class MovePage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Moves moves;
  @Inject CurrentTenant tenant;
  @Inject PublicUrl publicUrl;

  private Long order;
  private Moves.Plan plan;
  private MoveView move;

  public void load() throws IOException {
    if (order == null || tenant.getId() == null) {
      Pages.notFound();
      return;
    }
    try {
      replan();
    } catch (NotFoundException e) {
      Pages.notFound();
    }
  }

  /** Where the VM could go now, and its move under way if any. */
  private void replan() {
    plan = moves.plan(tenant.getId(), order);
    if (plan.current() != null) {
      move = plan.current();
    }
  }

  /**
   * Called by the page's poll while the move is on its way: the move alone is read again; where the
   * VM could go is asked again once the move is over.
   */
  public void refresh() {
    if (move == null || move.state().over()) {
      replan();
      return;
    }
    move = moves.view(tenant.getId(), move.id());
    if (move.state().over()) {
      replan();
    }
  }

  /** Whether the providers to choose from are shown: no move is under way. */
  public boolean isChoosing() {
    return move == null || move.state().over();
  }

  /** Starts the move to the provider the user chose. */
  public void moveTo(long providerId) {
    try {
      long id = moves.start(tenant.getId(), order, providerId, publicUrl.forProviders());
      move = moves.view(tenant.getId(), id);
      FormMessages.info("move.started", move.targetProviderName());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  public void confirm() {
    try {
      move = moves.confirm(tenant.getId(), move.id());
      FormMessages.info("move.confirmed");
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  public void takeBack() {
    try {
      move = moves.takeBack(tenant.getId(), move.id());
      FormMessages.info("move.takingBack", move.sourceProviderName());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  /** Whether the page should keep looking: a move is on its way. */
  public boolean isBusy() {
    return move != null && !move.state().over();
  }

  /** MiB, for the progress line. */
  public long mib(long bytes) {
    return bytes / (1024 * 1024);
  }

  /** The expected downtime in whole minutes (at least one). */
  public long getDowntimeMinutes() {
    return Math.max(1, (plan.downtimeSeconds() + 59) / 60);
  }

  public Long getOrder() {
    return order;
  }

  public void setOrder(Long order) {
    this.order = order;
  }

  public Moves.Plan getPlan() {
    return plan;
  }

  public OrderMoves.Source getSource() {
    return plan.options().source();
  }

  public MoveView getMove() {
    return move;
  }
}
