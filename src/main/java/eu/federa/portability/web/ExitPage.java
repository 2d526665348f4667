package eu.federa.portability.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.portability.ExitDestination;
import eu.federa.portability.ExitForm;
import eu.federa.portability.ExitPhase;
import eu.federa.portability.ExitView;
import eu.federa.portability.Exits;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * Backs {@code exit.xhtml}: a tenant admin files a switching or exit request (first reviewing its
 * dates and charge, then confirming), follows its timeline, extends the transition once, freezes
 * orders, cancels before the transition ends, and downloads the erasure record once it is done.
 */
@Named
@ViewScoped
public class ExitPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Exits exits;
  @Inject CurrentTenant tenant;

  private ExitView current;
  private boolean frozen;
  private ExitDestination destination = ExitDestination.OTHER_CLOUD;
  private String destinationNote;
  private String startDate = LocalDate.now().plusDays(14).toString();
  private boolean freezeOrders;
  private Exits.Quote quote;
  private String newEndDate;

  public void load() {
    if (!isAllowed()) {
      return;
    }
    current = exits.current(tenant.getId()).orElse(null);
    frozen = exits.ordersFrozen(tenant.getId());
  }

  public boolean isAllowed() {
    return tenant.getId() != null && tenant.isAdmin();
  }

  /** Shows the request's dates and charge before it is confirmed. */
  public void review() {
    try {
      quote = exits.quote(tenant.getId(), destination.name(), startDate);
    } catch (InvalidInputException e) {
      quote = null;
      FormMessages.show("request", e.errors());
    }
  }

  public void confirm() {
    try {
      current =
          exits.request(
              tenant.getId(),
              new ExitForm(
                  destination,
                  destinationNote,
                  ExitForm.dateOf("startDate", startDate),
                  freezeOrders));
      quote = null;
      FormMessages.info("exit.requested");
    } catch (InvalidInputException e) {
      FormMessages.show("request", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    load();
  }

  public void back() {
    quote = null;
  }

  public void extend() {
    act(() -> exits.extend(tenant.getId(), current.id(), newEndDate), "exit.extended");
  }

  public void cancel() {
    act(() -> exits.cancel(tenant.getId(), current.id()), "exit.cancelled");
  }

  public void toggleFreeze() {
    act(
        () -> {
          exits.freezeOrders(tenant.getId(), current.id(), !frozen);
          return null;
        },
        frozen ? "exit.unfrozen" : "exit.frozen");
  }

  private interface Act {
    Object run();
  }

  private void act(Act act, String done) {
    try {
      act.run();
      FormMessages.info(done);
    } catch (InvalidInputException e) {
      FormMessages.show("timeline", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("resource.error.gone");
    }
    load();
  }

  /** Whether the page should keep refreshing: an exit is being worked on. */
  public boolean isBusy() {
    return current != null
        && (current.phase() == ExitPhase.RETRIEVAL || current.phase() == ExitPhase.ERASING);
  }

  /** Whether the form to file a request is shown: none is open. */
  public boolean isCanRequest() {
    return current == null || current.phase().over();
  }

  public String recordPath(String form) {
    return "/api/v1/exit-records/" + current.id() + (form.isEmpty() ? "" : "/" + form);
  }

  public List<ExitDestination> getDestinations() {
    return List.of(ExitDestination.values());
  }

  public ExitView getCurrent() {
    return current;
  }

  public boolean isFrozen() {
    return frozen;
  }

  public Exits.Quote getQuote() {
    return quote;
  }

  public ExitDestination getDestination() {
    return destination;
  }

  public void setDestination(ExitDestination destination) {
    this.destination = destination;
  }

  public String getDestinationNote() {
    return destinationNote;
  }

  public void setDestinationNote(String destinationNote) {
    this.destinationNote = destinationNote;
  }

  public String getStartDate() {
    return startDate;
  }

  public void setStartDate(String startDate) {
    this.startDate = startDate;
  }

  public boolean isFreezeOrders() {
    return freezeOrders;
  }

  public void setFreezeOrders(boolean freezeOrders) {
    this.freezeOrders = freezeOrders;
  }

  public String getNewEndDate() {
    return newEndDate;
  }

  public void setNewEndDate(String newEndDate) {
    this.newEndDate = newEndDate;
  }
}
