package eu.federa.billing;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.mail.MailTemplate;
import eu.federa.mail.Messages;
import eu.federa.platform.i18n.Money;
import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.quota.TenantBudgets;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Monthly budgets: alerts at 75 % and 100 % of the tenant's budget (shown in the portal, sent to
 * its billing address through the outbox, once each per month), and, when the tenant admin chose
 * it, no new orders once the budget is spent.
 */
@ApplicationScoped
public class BudgetService {

  /** The thresholds that raise an alert, in percent of the budget. */
  static final List<Integer> THRESHOLDS = List.of(75, 100);

  public static final String ALERT = "ALERT";
  public static final String BLOCK = "BLOCK";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantBudgets budgets;
  @Inject CostService costs;
  @Inject TenantAccess access;
  @Inject Messages messages;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * A tenant's budget this month.
   *
   * @param budgetEur null: no budget
   * @param alertsRaised thresholds crossed this month, in percent
   */
  public record Status(
      BigDecimal budgetEur,
      String action,
      BigDecimal spentEur,
      BigDecimal forecastEur,
      int percentSpent,
      List<Integer> alertsRaised)
      implements Serializable {

    public boolean blocking() {
      return BLOCK.equals(action) && budgetEur != null && spentEur.compareTo(budgetEur) >= 0;
    }
  }

  /**
   * The tenant's budget, spend and alerts (tenant admins and billing members), for a page: its own
   * read-only transaction ({@link ReadOnlyCalls}), the caller's membership and the price lists as
   * the request and the node have them already.
   */
  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Status status(long tenantId) {
    ReadOnlyCalls.mark(em);
    access.require(tenantId, TenantPermission.SEE_BILLING);
    return statusOf(tenantId, costs.spendOf(tenantId));
  }

  /**
   * This month's spend with its breakdown and the budget against it, in one read-only call: the
   * billing page and the costs API rate the month once.
   */
  public record Overview(CostService.MonthSpend spend, Status budget) implements Serializable {}

  /** The tenant's spend and budget this month (tenant admins and billing members). */
  // its own transaction, read-only (ReadOnlyCalls): never part of a caller's that writes
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Overview overview(long tenantId) {
    ReadOnlyCalls.mark(em);
    CostService.MonthSpend spend = costs.thisMonth(tenantId);
    return new Overview(spend, statusOf(tenantId, spend));
  }

  /**
   * What happens when the budget is spent: {@link #ALERT} or {@link #BLOCK} (tenant admins).
   *
   * @throws InvalidInputException for anything else
   */
  @Transactional
  public void chooseAction(long tenantId, String action) {
    access.require(tenantId, TenantPermission.MANAGE_TEAM);
    if (!ALERT.equals(action) && !BLOCK.equals(action)) {
      throw new InvalidInputException(FieldError.of("action", "budget.error.action"));
    }
    budgets.setAction(tenantId, action);
    audit.success(
        AuditAction.BUDGET_CHANGED,
        tenantId,
        AuditTarget.Word.BUDGET.text(),
        AuditDetail.BUDGET_ACTION.text(action));
  }

  /**
   * Refuses a new order when the tenant chose to block and has spent its budget; called in the
   * order's transaction.
   *
   * @throws BudgetExhaustedException when blocked
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void requireRoom(long tenantId) {
    TenantBudgets.Budget budget = budgets.of(tenantId).orElse(null);
    if (budget == null || budget.eurPerMonth() == null || !BLOCK.equals(budget.action())) {
      return;
    }
    BigDecimal spent = costs.spendOf(tenantId).spentEur();
    if (spent.compareTo(budget.eurPerMonth()) >= 0) {
      throw new BudgetExhaustedException(spent, budget.eurPerMonth());
    }
  }

  /**
   * Whether the tenant chose to block and has spent its budget, for calls that reserve nothing (the
   * AI gateway's): a plain read, no lock. A call racing the moment the budget runs out is billed
   * like any other; orders, which hold quota, check {@link #requireRoom} under the tenant's lock.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean blocksCalls(long tenantId) {
    TenantBudgets.Budget budget = budgets.of(tenantId).orElse(null);
    if (budget == null || budget.eurPerMonth() == null || !BLOCK.equals(budget.action())) {
      return false;
    }
    return costs.spendOf(tenantId).spentEur().compareTo(budget.eurPerMonth()) >= 0;
  }

  /**
   * Raises the alerts a tenant's spend has reached and not raised yet this month.
   *
   * @return the thresholds newly raised
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Integer> check(long tenantId) {
    CostService.MonthSpend spend = costs.spendOf(tenantId);
    Status status = statusOf(tenantId, spend);
    if (status.budgetEur() == null || status.budgetEur().signum() <= 0) {
      return List.of();
    }
    List<Integer> raised = new ArrayList<>();
    for (int threshold : THRESHOLDS) {
      if (status.percentSpent() < threshold || status.alertsRaised().contains(threshold)) {
        continue;
      }
      int inserted =
          em.createNativeQuery(
                  "INSERT IGNORE INTO budget_alert (tenant_id, month_start, threshold_percent,"
                      + " spent_eur, budget_eur, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
              .setParameter(1, tenantId)
              .setParameter(2, spend.month().atDay(1))
              .setParameter(3, threshold)
              .setParameter(4, spend.spentEur())
              .setParameter(5, status.budgetEur())
              .setParameter(6, clock.instant())
              .executeUpdate();
      if (inserted == 1) {
        raised.add(threshold);
        announce(tenantId, threshold, spend, status);
      }
    }
    return raised;
  }

  /** Tenants with a budget, for the periodic check. */
  @Transactional
  public List<Long> tenantsWithBudget() {
    return budgets.tenantsWithBudget();
  }

  private void announce(long tenantId, int threshold, CostService.MonthSpend spend, Status s) {
    BillingParties.Customer customer =
        em.unwrap(Session.class)
            .doReturningWork(c -> BillingParties.customers(c, tenantId))
            .get(tenantId);
    if (customer == null) {
      return; // removed meanwhile
    }
    if (customer.billingEmail() != null) { // without an address, the budget page still shows it
      messages.send(
          tenantId,
          customer.billingEmail(),
          threshold >= 100 && BLOCK.equals(s.action())
              ? MailTemplate.BUDGET_BLOCKED
              : MailTemplate.BUDGET_ALERT,
          Map.of(
              "tenant",
              customer.name(),
              "threshold",
              threshold,
              "month",
              spend.month(),
              "spentEur",
              new Money(spend.spentEur()),
              "budgetEur",
              new Money(s.budgetEur()),
              "percent",
              s.percentSpent(),
              "forecastEur",
              new Money(spend.forecastEur())));
    }
    audit.bySystem(
        AuditAction.BUDGET_ALERT,
        tenantId,
        AuditTarget.Kind.BUDGET.of(spend.month()),
        AuditDetail.BUDGET_ALERT.text(threshold, spend.spentEur().toPlainString()));
  }

  private Status statusOf(long tenantId, CostService.MonthSpend spend) {
    TenantBudgets.Budget budget = budgets.of(tenantId).orElse(null);
    BigDecimal limit = budget == null ? null : budget.eurPerMonth();
    String action = budget == null ? ALERT : budget.action();
    int percent =
        limit == null || limit.signum() <= 0
            ? 0
            : spend
                .spentEur()
                .multiply(BigDecimal.valueOf(100))
                .divide(limit, 0, RoundingMode.FLOOR)
                .intValue();
    @SuppressWarnings("unchecked")
    List<Number> raised =
        em.createNativeQuery(
                "SELECT threshold_percent FROM budget_alert WHERE tenant_id = ?1"
                    + " AND month_start = ?2 ORDER BY threshold_percent")
            .setParameter(1, tenantId)
            .setParameter(2, spend.month().atDay(1))
            .getResultList();
    return new Status(
        limit,
        action,
        spend.spentEur(),
        spend.forecastEur(),
        percent,
        raised.stream().map(Number::intValue).toList());
  }

  /** The month, for messages. */
  YearMonth month() {
    return BillingMonths.of(clock.instant());
  }
}
