package eu.federa.billing.web;

import eu.federa.billing.BillingMonths;
import eu.federa.billing.BillingRunQueue;
import eu.federa.billing.Invoice;
import eu.federa.billing.Invoices;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the platform admins' billing page: rate a month (a run any node takes up, its progress
 * shown), the month's invoices, and issuing them.
 */
@Named
@ViewScoped
public class BillingRuns implements Serializable {

  /** Rows a page of the page's table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject Invoices invoices;
  @Inject BillingRunQueue runQueue;
  @Inject CurrentUser caller;
  @Inject Clock clock;

  private String month;
  private List<BillingRunQueue.Run> runs = List.of();
  private LazyDataModel<Invoice> ofMonth;
  private Invoice shown;

  @PostConstruct
  void open() {
    caller.requirePlatformAdmin();
    month = BillingMonths.of(clock.instant()).minusMonths(1).toString();
    refresh();
  }

  /** Reloads the runs and the chosen month's invoices (polled while a run is going). */
  public void refresh() {
    runs = runQueue.runs(10);
    YearMonth chosen = parsed();
    ofMonth =
        chosen == null
            ? null
            : ServerPagedList.of(
                Invoices.class,
                (service, first, max) -> service.invoicesOfMonth(chosen, first, max),
                ROWS,
                Invoice::id);
  }

  public void rate() {
    try {
      YearMonth chosen = parsed();
      if (chosen == null) {
        throw new InvalidInputException(FieldError.of("month", "billing.error.month"));
      }
      runQueue.requestRun(chosen);
      FormMessages.info("billing.runQueued", chosen);
      refresh();
    } catch (InvalidInputException e) {
      FormMessages.show("runs", e.errors());
    }
  }

  public void issue(long invoiceId) {
    try {
      Invoice issued = invoices.issue(invoiceId);
      FormMessages.info("invoice.issuedMessage", issued.number());
    } catch (ConflictException e) {
      FormMessages.error(e.messageKey(), e.arguments());
    }
    refresh();
  }

  public void show(long invoiceId) {
    shown = invoices.anyInvoice(invoiceId);
  }

  private YearMonth parsed() {
    try {
      return YearMonth.parse(month == null ? "" : month.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public boolean isRunning() {
    return runs.stream().anyMatch(r -> !r.finished());
  }

  public String getMonth() {
    return month;
  }

  public void setMonth(String month) {
    this.month = month;
  }

  public List<BillingRunQueue.Run> getRuns() {
    return runs;
  }

  /** The chosen month's invoices, a page at a time from the database (null: no month). */
  public LazyDataModel<Invoice> getOfMonth() {
    return ofMonth;
  }

  public Invoice getShown() {
    return shown;
  }

  public int getRows() {
    return ROWS;
  }
}
