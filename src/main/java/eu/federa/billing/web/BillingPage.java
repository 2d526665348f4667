package eu.federa.billing.web;

import eu.federa.billing.BudgetService;
import eu.federa.billing.ChargeItem;
import eu.federa.billing.CostService;
import eu.federa.billing.Invoice;
import eu.federa.billing.Invoices;
import eu.federa.energy.UsageEnergy;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.web.Charts;
import eu.federa.platform.web.FormMessages;
import eu.federa.platform.web.ServerPagedList;
import eu.federa.tenancy.web.CurrentTenant;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.primefaces.model.LazyDataModel;

/**
 * Backs the billing page: spend this month with its forecast and charts, the budget and what
 * happens when it is spent, and the organisation's invoices to download.
 */
@Named
@ViewScoped
public class BillingPage implements Serializable {

  /** Rows a page of the invoices' table shows. */
  static final int ROWS = 25;

  private static final long serialVersionUID = 1L;

  @Inject BudgetService budgets;
  @Inject Invoices invoiceService;
  @Inject CurrentTenant tenant;

  private CostService.MonthSpend spend;
  private BudgetService.Status budget;
  private LazyDataModel<Invoice> invoices;
  private Invoice shown;
  private UsageEnergy shownEnergy;
  private String action;
  private boolean canChooseAction;

  @PostConstruct
  void open() {
    if (tenant.getId() == null) {
      return;
    }
    load();
    canChooseAction = tenant.isAdmin();
  }

  private void load() {
    BudgetService.Overview overview = budgets.overview(tenant.getId());
    spend = overview.spend();
    budget = overview.budget();
    long tenantId = tenant.getId();
    invoices =
        ServerPagedList.of(
            Invoices.class,
            (service, first, max) -> service.invoices(tenantId, first, max),
            ROWS,
            Invoice::id);
    action = budget.action();
  }

  public void saveAction() {
    try {
      budgets.chooseAction(tenant.getId(), action);
      FormMessages.info("budget.saved");
      load();
    } catch (InvalidInputException e) {
      FormMessages.show("budget", e.errors());
    }
  }

  /** Shows an invoice's lines under the list. */
  public void show(long invoiceId) {
    shown = invoiceService.invoice(tenant.getId(), invoiceId);
    shownEnergy = invoiceService.energyOf(shown);
  }

  public String getByProviderChart() {
    return bar(spend.byProvider(), "bar");
  }

  public String getByProjectChart() {
    Map<String, BigDecimal> named = new TreeMap<>();
    String none = text("billing.noProject");
    spend.byProject().forEach((k, v) -> named.merge(k.isEmpty() ? none : k, v, BigDecimal::add));
    return bar(named, "bar");
  }

  /** What the AI endpoints' tokens cost this month, by model (empty: no chart). */
  public String getByModelChart() {
    return bar(spend.tokensByModel(), "bar");
  }

  /** What they cost by the API key that called, named and with its prefix. */
  public String getByKeyChart() {
    return bar(spend.tokensByKey(), "bar");
  }

  /**
   * Whether anything was spent this month: until then the page says so in place of three empty
   * charts.
   */
  public boolean isSpentThisMonth() {
    return spend.spentEur().signum() > 0;
  }

  public boolean isTokensUsed() {
    return !spend.tokensByModel().isEmpty();
  }

  public String getByItemChart() {
    Map<String, BigDecimal> named = new LinkedHashMap<>();
    for (Map.Entry<ChargeItem, BigDecimal> e : spend.byItem().entrySet()) {
      named.put(text(e.getKey().labelKey()), e.getValue());
    }
    return bar(named, "doughnut");
  }

  private static String bar(Map<String, BigDecimal> amounts, String type) {
    return Charts.of(amounts, type, "EUR", FormMessages.locale());
  }

  private static String text(String key) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
    return bundle.containsKey(key) ? bundle.getString(key) : key;
  }

  public CostService.MonthSpend getSpend() {
    return spend;
  }

  public BudgetService.Status getBudget() {
    return budget;
  }

  public LazyDataModel<Invoice> getInvoices() {
    return invoices;
  }

  /** The energy and CO₂e of the shown invoice's hours, for information. */
  public UsageEnergy getShownEnergy() {
    return shownEnergy;
  }

  public Invoice getShown() {
    return shown;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public boolean isCanChooseAction() {
    return canChooseAction;
  }

  /** Bar width for the budget, capped at 100. */
  public int getBudgetBar() {
    return budget == null ? 0 : Math.min(100, budget.percentSpent());
  }

  public Long getTenantId() {
    return tenant.getId();
  }

  public int getRows() {
    return ROWS;
  }
}
