package eu.federa.billing.api;

import eu.federa.billing.BillingRunQueue;
import eu.federa.billing.BudgetService;
import eu.federa.billing.CostService;
import eu.federa.billing.Invoice;
import eu.federa.billing.InvoiceDocuments;
import eu.federa.billing.Invoices;
import eu.federa.platform.api.ApiPage;
import eu.federa.platform.i18n.SupportedLanguages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Billing over the API: a tenant's invoices (JSON, PDF, CSV), its spend this month and budget; for
 * platform admins, billing runs and issuing. Other tenants' invoices answer 404.
 */
@Path("/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BillingResource {

  @Inject Invoices invoices;
  @Inject BillingRunQueue runQueue;
  @Inject BudgetService budgets;

  /** An invoice without lines, or with them. */
  public record InvoiceJson(
      long id,
      long tenantId,
      String month,
      String state,
      String number,
      String vatTreatment,
      BigDecimal vatRatePercent,
      BigDecimal netEur,
      BigDecimal vatEur,
      BigDecimal grossEur,
      List<Invoice.Line> lines) {

    static InvoiceJson of(Invoice i) {
      return new InvoiceJson(
          i.id(),
          i.tenantId(),
          i.month().toString(),
          i.state(),
          i.number(),
          i.vatTreatment().name(),
          i.vatRatePercent(),
          i.netEur(),
          i.vatEur(),
          i.grossEur(),
          i.lines());
    }
  }

  /** Spend this month and the budget. */
  public record CostsJson(
      String month,
      BigDecimal spentEur,
      BigDecimal forecastEur,
      Map<String, BigDecimal> byProvider,
      Map<String, BigDecimal> byProject,
      BigDecimal budgetEur,
      String budgetAction,
      int percentOfBudget,
      List<Integer> alertsRaised) {}

  public record Action(String action) {}

  public record RunRequest(String month) {}

  public record Queued(long id) {}

  @GET
  @Path("tenants/{tenant}/invoices")
  public List<InvoiceJson> invoices(@PathParam("tenant") long tenantId, @BeanParam ApiPage page) {
    return invoices.invoices(tenantId, page.first(), page.max()).rows().stream()
        .map(InvoiceJson::of)
        .toList();
  }

  @GET
  @Path("tenants/{tenant}/invoices/{invoice}")
  public InvoiceJson invoice(@PathParam("tenant") long tenantId, @PathParam("invoice") long id) {
    return InvoiceJson.of(invoices.invoice(tenantId, id));
  }

  @GET
  @Path("tenants/{tenant}/invoices/{invoice}/pdf")
  @Produces("application/pdf")
  public Response pdf(
      @PathParam("tenant") long tenantId,
      @PathParam("invoice") long id,
      @QueryParam("lang") String lang,
      @Context HttpHeaders headers) {
    return pdf(invoices.invoice(tenantId, id), language(lang, headers));
  }

  @GET
  @Path("tenants/{tenant}/invoices/{invoice}/csv")
  @Produces("text/csv")
  public Response csv(
      @PathParam("tenant") long tenantId,
      @PathParam("invoice") long id,
      @QueryParam("lang") String lang,
      @Context HttpHeaders headers) {
    return csv(invoices.invoice(tenantId, id), language(lang, headers));
  }

  /** Any tenant's invoice as PDF (platform admins, e.g. for support). */
  @GET
  @Path("billing/invoices/{invoice}/pdf")
  @Produces("application/pdf")
  public Response anyPdf(
      @PathParam("invoice") long id,
      @QueryParam("lang") String lang,
      @Context HttpHeaders headers) {
    return pdf(invoices.anyInvoice(id), language(lang, headers));
  }

  /** Any tenant's invoice as CSV (platform admins). */
  @GET
  @Path("billing/invoices/{invoice}/csv")
  @Produces("text/csv")
  public Response anyCsv(
      @PathParam("invoice") long id,
      @QueryParam("lang") String lang,
      @Context HttpHeaders headers) {
    return csv(invoices.anyInvoice(id), language(lang, headers));
  }

  /** {@code ?lang=fr} when given and supported, else the best of the caller's languages. */
  private static Locale language(String lang, HttpHeaders headers) {
    return SupportedLanguages.match(lang)
        .orElseGet(() -> SupportedLanguages.bestFor(headers.getAcceptableLanguages()));
  }

  private Response pdf(Invoice invoice, Locale language) {
    return Response.ok(
            InvoiceDocuments.pdf(invoice, invoices.seller(), language, invoices.energyOf(invoice)),
            "application/pdf")
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + InvoiceDocuments.fileName(invoice) + ".pdf\"")
        .build();
  }

  private Response csv(Invoice invoice, Locale language) {
    return Response.ok(
            InvoiceDocuments.csv(invoice, invoices.energyOf(invoice), language),
            "text/csv; charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + InvoiceDocuments.fileName(invoice) + ".csv\"")
        .build();
  }

  @GET
  @Path("tenants/{tenant}/costs")
  public CostsJson costs(@PathParam("tenant") long tenantId) {
    BudgetService.Overview overview = budgets.overview(tenantId);
    CostService.MonthSpend spend = overview.spend();
    BudgetService.Status budget = overview.budget();
    return new CostsJson(
        spend.month().toString(),
        spend.spentEur(),
        spend.forecastEur(),
        spend.byProvider(),
        spend.byProject(),
        budget.budgetEur(),
        budget.action(),
        budget.percentSpent(),
        budget.alertsRaised());
  }

  @PUT
  @Path("tenants/{tenant}/budget/action")
  public Response budgetAction(@PathParam("tenant") long tenantId, Action action) {
    budgets.chooseAction(tenantId, action == null ? null : action.action());
    return Response.noContent().build();
  }

  @POST
  @Path("billing/runs")
  public Response run(RunRequest request) {
    long id = runQueue.requestRun(request == null ? null : request.month());
    return Response.status(Response.Status.ACCEPTED).entity(new Queued(id)).build();
  }

  @GET
  @Path("billing/invoices")
  public List<InvoiceJson> invoicesOfMonth(
      @QueryParam("month") String month, @BeanParam ApiPage page) {
    return invoices.invoicesOfMonth(month, page.first(), page.max()).rows().stream()
        .map(InvoiceJson::of)
        .toList();
  }

  @POST
  @Path("billing/invoices/{invoice}/issue")
  public InvoiceJson issue(@PathParam("invoice") long id) {
    return InvoiceJson.of(invoices.issue(id));
  }
}
