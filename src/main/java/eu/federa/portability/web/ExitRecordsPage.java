package eu.federa.portability.web;

import eu.federa.platform.web.ServerPagedList;
import eu.federa.portability.ExitView;
import eu.federa.portability.Exits;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import org.primefaces.model.LazyDataModel;

/**
 * Backs {@code exit-records.xhtml}: the erasure records a signed-in person keeps as a former admin
 * of organisations that left (they are members of nothing there any more).
 */
@Named
@ViewScoped
public class ExitRecordsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows a page. */
  static final int ROWS = 20;

  private final LazyDataModel<ExitView> records =
      ServerPagedList.of(
          Exits.class, (service, first, max) -> service.myRecords(first, max), ROWS, ExitView::id);

  public LazyDataModel<ExitView> getRecords() {
    return records;
  }

  public int getRows() {
    return ROWS;
  }
}
