package eu.federa.portability.web;

import eu.federa.portability.ExitView;
import eu.federa.portability.Exits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Backs {@code exit-records.xhtml}: the erasure records a signed-in person keeps as a former admin
 * of organisations that left (they are members of nothing there any more).
 */
@Named
@RequestScoped
public class ExitRecordsPage {

  @Inject Exits exits;

  private List<ExitView> records;

  public List<ExitView> getRecords() {
    if (records == null) {
      records = exits.myRecords();
    }
    return records;
  }
}
