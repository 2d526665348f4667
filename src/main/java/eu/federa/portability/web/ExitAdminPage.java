package eu.federa.portability.web;

import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.portability.ExitView;
import eu.federa.portability.Exits;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code admin/exits.xhtml}: the federation's open exit requests, the next deadline first; a
 * platform admin makes one's transition longer (up to seven months) with a written justification.
 */
@Named
@ViewScoped
public class ExitAdminPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Exits exits;

  /** Rows a page. */
  static final int ROWS = 20;

  private final LazyDataModel<ExitView> open =
      ServerPagedList.of(
          Exits.class, (service, first, max) -> service.open(first, max), ROWS, ExitView::id);

  private Long exitId;
  private String newEndDate;
  private String justification;

  public void justify() {
    try {
      if (exitId == null) {
        throw new InvalidInputException(FieldError.of("exit", "exit.error.choose"));
      }
      exits.justify(exitId, newEndDate, justification);
      FormMessages.info("exit.admin.justified");
      justification = null;
      newEndDate = null;
    } catch (InvalidInputException e) {
      FormMessages.show("justify", e.errors());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    } catch (NotFoundException e) {
      FormMessages.error("resource.error.gone");
    }
  }

  /** Chooses a request of the list for the justification form below it. */
  public void choose(long exitId) {
    this.exitId = exitId;
  }

  public LazyDataModel<ExitView> getOpen() {
    return open;
  }

  public int getRows() {
    return ROWS;
  }

  public Long getExitId() {
    return exitId;
  }

  public void setExitId(Long exitId) {
    this.exitId = exitId;
  }

  public String getNewEndDate() {
    return newEndDate;
  }

  public void setNewEndDate(String newEndDate) {
    this.newEndDate = newEndDate;
  }

  public String getJustification() {
    return justification;
  }

  public void setJustification(String justification) {
    this.justification = justification;
  }
}
