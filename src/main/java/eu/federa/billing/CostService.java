package eu.federa.billing;

import eu.federa.platform.persistence.ReadOnlyCalls;
import eu.federa.platform.persistence.ReferenceRevision;
import eu.federa.platform.persistence.RevisionCache;
import eu.federa.platform.persistence.UnionRead;
import eu.federa.platform.persistence.UnionReads;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.Session;

/**
 * What things have cost so far, rated from the usage intervals with the same ledger as invoices:
 * each resource's cost so far, and a tenant's spend this month with its breakdown and forecast.
 */
@ApplicationScoped
public class CostService {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject Clock clock;
  @Inject Instance<KeyLabels> keyLabels;
  @Inject ReferenceRevision revision;
  @Inject PriceListReader reader;
  @Inject UnionReads reads;

  /** Every price list, as this node keeps them (immutable values). */
  private final RevisionCache<Map<Long, List<PriceList>>> kept = new RevisionCache<>();

  /** The settled usage of tenants' months and of VMs, rated, as this node keeps it. */
  private final SettledUsage settled = new SettledUsage();

  /**
   * A tenant's spend this month.
   *
   * @param forecastEur spend by the month's end if what runs now keeps running
   * @param tokensByModel what the AI endpoints' tokens cost, by model
   * @param tokensByKey what they cost by the API key that called (its name and prefix)
   */
  public record MonthSpend(
      YearMonth month,
      BigDecimal spentEur,
      BigDecimal forecastEur,
      Map<String, BigDecimal> byProvider,
      Map<String, BigDecimal> byProject,
      Map<ChargeItem, BigDecimal> byItem,
      Map<String, BigDecimal> tokensByModel,
      Map<String, BigDecimal> tokensByKey)
      implements Serializable {}

  /** Each resource's cost from its first interval until now, by order id (absent: none yet). */
  @Transactional
  public Map<Long, BigDecimal> costSoFar(long tenantId, Collection<Long> orderIds) {
    access.require(tenantId, TenantPermission.VIEW);
    if (orderIds.isEmpty()) {
      return new HashMap<>();
    }
    UnionRead read = new UnionRead().set("costOrderIds", List.copyOf(orderIds));
    SoFar soFar = costsSoFarWith(read, tenantId, ":costOrderIds");
    return costSoFar(soFar, reads.run(read), orderIds, lists());
  }

  /** What some VMs have cost so far, as parts of a read of several capabilities. */
  public static final class SoFar {
    private final SettledUsage.OrdersRead read;

    private SoFar(SettledUsage.OrdersRead read) {
      this.read = read;
    }
  }

  /**
   * Adds the usage of the tenant's VMs whose ids {@code orderIds} selects (the SQL of a subquery of
   * the caller's, or a list parameter it set) to {@code read}: the resource list reads it in the
   * statement of its rows. The caller has checked that its caller may see the tenant ({@link
   * TenantPermission#VIEW}).
   */
  public SoFar costsSoFarWith(UnionRead read, long tenantId, String orderIds) {
    return new SoFar(SettledUsage.readWith(read, tenantId, orderIds));
  }

  /**
   * Each of these VMs' cost so far from what the read found (absent: none yet), outside a
   * transaction (the read ran on its own, in one statement); the price lists as this node keeps
   * them at the reference data's revision.
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public Map<Long, BigDecimal> costSoFar(
      SoFar soFar, UnionRead.Result result, Collection<Long> ids) {
    return costSoFar(soFar, result, ids, keptLists());
  }

  private Map<Long, BigDecimal> costSoFar(
      SoFar soFar,
      UnionRead.Result result,
      Collection<Long> ids,
      Map<Long, List<PriceList>> lists) {
    Map<Long, BigDecimal> costs = new HashMap<>();
    settled
        .rated(em, soFar.read, result, ids, clock.instant(), lists)
        .forEach((id, ledger) -> costs.put(id, ledger.total()));
    return costs;
  }

  /** The tenant's spend this month, for its dashboard (tenant admins and billing members). */
  @Transactional
  public MonthSpend thisMonth(long tenantId) {
    access.require(tenantId, TenantPermission.SEE_BILLING);
    return spend(tenantId, true, lists());
  }

  /** The same, without a caller and without the breakdown by API key: for budget checks. */
  @Transactional
  public MonthSpend spendOf(long tenantId) {
    return spend(tenantId, false, lists());
  }

  /**
   * Reads whole again the months this node keeps that a view would soon have to read whole (once an
   * hour, for what no revision sees), those a view asked for since their last whole read, and
   * forgets the others: run by the node's billing ticker, so that no view pays for the read (a
   * tenant's month of a million AI token records took seconds). Outside any transaction, as a view
   * reads; the price lists as this node keeps them, asked for only when a month is due (the
   * reference data's revision is a statement outside a request).
   *
   * @return how many months were read
   */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public int readKeptMonthsAhead() {
    return settled.readWholeDue(reads, clock.instant(), this::keptLists);
  }

  /**
   * The tenant's token records of a month summed by API key, project, endpoint, model and provider,
   * the largest first, from what this node keeps summed ({@link SettledUsage}). No caller check:
   * the caller's service checks who may see which.
   */
  @Transactional
  public List<Metering.TokenTotal> tokenTotals(long tenantId, YearMonth month) {
    Map<List<Object>, Metering.TokenTotal> totals = new HashMap<>();
    settled
        .read(reads, SettledUsage.Scope.month(tenantId, month), clock.instant(), lists())
        .tokens()
        .forEach(
            (g, sum) ->
                totals.merge(
                    Arrays.asList(
                        g.keyId(), g.projectId(), g.serviceId(), g.modelCode(), g.providerName()),
                    new Metering.TokenTotal(
                        g.keyId(),
                        g.projectId(),
                        g.serviceId(),
                        g.modelCode(),
                        g.providerName(),
                        sum.requests(),
                        sum.inputTokens(),
                        sum.outputTokens(),
                        sum.estimatedRequests()),
                    Metering.TokenTotal::plus));
    return totals.values().stream()
        .sorted(
            Comparator.comparingLong((Metering.TokenTotal t) -> t.inputTokens() + t.outputTokens())
                .reversed()
                .thenComparing(Metering.TokenTotal::modelCode)
                .thenComparing(Metering.TokenTotal::providerName))
        .toList();
  }

  /**
   * What each of these tenants spent this month so far, without a caller: for the platform admins'
   * directory (the price lists read once for them all).
   */
  @Transactional
  public Map<Long, BigDecimal> spentThisMonth(Collection<Long> tenantIds) {
    Map<Long, List<PriceList>> lists = lists();
    Instant now = clock.instant();
    YearMonth month = BillingMonths.of(now);
    List<Long> ids = List.copyOf(new LinkedHashSet<>(tenantIds));
    // every tenant's month in one or two statements, however many are listed
    List<SettledUsage.Usage> usages =
        settled.read(
            reads,
            ids.stream().map(id -> SettledUsage.Scope.month(id, month)).toList(),
            now,
            lists);
    Map<Long, BigDecimal> spent = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      spent.put(ids.get(i), usages.get(i).spent(lists).total());
    }
    return spent;
  }

  private MonthSpend spend(long tenantId, boolean byKey, Map<Long, List<PriceList>> lists) {
    Instant now = clock.instant();
    YearMonth month = BillingMonths.of(now);
    SettledUsage.Usage usage =
        settled.read(reads, SettledUsage.Scope.month(tenantId, month), now, lists);
    // Tokens served so far this month add nothing to the rest of the month's forecast.
    Ledger spent = usage.spent(lists);
    Ledger rest = new Ledger();
    Instant monthEnd = BillingMonths.end(month);
    for (UsageRecord r : usage.rest()) {
      List<PriceList> providerLists = lists.getOrDefault(r.providerId(), List.of());
      if (!r.until().isBefore(now) && now.isBefore(monthEnd)) {
        // Open now: what it costs from now to the month's end, at today's prices.
        rest.add(
            new UsageRecord(
                r.tenantId(),
                r.projectId(),
                r.orderId(),
                r.resourceName(),
                r.kind(),
                r.state(),
                r.providerId(),
                r.providerName(),
                r.countryCode(),
                r.vcpu(),
                r.memoryMib(),
                r.diskGib(),
                r.gpus(),
                r.gpuModel(),
                now,
                monthEnd,
                r.publicIps()),
            providerLists);
      }
    }
    // The tokens by key besides: each key's own ledger says what its calls cost.
    Map<Long, Ledger> byKeyLedgers = new HashMap<>();
    for (RatingRun.TokenReport t :
        byKey ? usage.tokenReports() : List.<RatingRun.TokenReport>of()) {
      RatingRun.addTokens(
          byKeyLedgers.computeIfAbsent(t.keyId() == null ? 0L : t.keyId(), k -> new Ledger()),
          List.of(t),
          lists);
    }
    Map<Long, String> keyNames =
        keyLabels.isResolvable() && !byKeyLedgers.isEmpty()
            ? keyLabels.get().labels(tenantId)
            : Map.of();
    Map<String, BigDecimal> tokensByKey = new TreeMap<>();
    byKeyLedgers.forEach(
        (keyId, ledger) ->
            tokensByKey.merge(
                keyNames.getOrDefault(keyId, keyId == 0L ? "—" : "#" + keyId),
                ledger.total(),
                BigDecimal::add));
    Map<Long, String> projects = projectNames(tenantId);
    Map<String, BigDecimal> byProvider = new TreeMap<>();
    Map<String, BigDecimal> byProject = new TreeMap<>();
    Map<ChargeItem, BigDecimal> byItem = new LinkedHashMap<>();
    Map<String, BigDecimal> tokensByModel = new TreeMap<>();
    BigDecimal total = BigDecimal.ZERO; // the sum of the rounded lines, as Ledger.total()
    for (Ledger.Line line : spent.lines()) {
      total = total.add(line.amountEur());
      if (line.item() == ChargeItem.TOKENS_IN_MILLIONS
          || line.item() == ChargeItem.TOKENS_OUT_MILLIONS) {
        tokensByModel.merge(line.detail(), line.amountEur(), BigDecimal::add);
      }
      byProvider.merge(line.providerName(), line.amountEur(), BigDecimal::add);
      String project = line.projectId() == null ? "" : projects.getOrDefault(line.projectId(), "?");
      byProject.merge(project, line.amountEur(), BigDecimal::add);
      byItem.merge(line.item(), line.amountEur(), BigDecimal::add);
    }
    return new MonthSpend(
        month,
        total,
        total.add(rest.total()),
        byProvider,
        byProject,
        byItem,
        tokensByModel,
        tokensByKey);
  }

  private Map<Long, String> projectNames(long tenantId) {
    return em.unwrap(Session.class).doReturningWork(c -> BillingParties.projectNames(c, tenantId));
  }

  /**
   * Every price list. A page's read-only call (the dashboard's spend) takes them as this node keeps
   * them at the reference data's revision (one statement instead of two while nothing changed); any
   * other call reads them in its own transaction, which may have changed them.
   */
  private Map<Long, List<PriceList>> lists() {
    return ReadOnlyCalls.marked(em) ? keptLists() : reader.all();
  }

  /**
   * The price lists as this node keeps them at the reference data's revision: for a read-only call,
   * or a read outside any transaction, which cannot see a change not yet committed.
   */
  private Map<Long, List<PriceList>> keptLists() {
    return kept.get(
        revision.current(), clock.instant(), () -> RevisionCache.Read.always(reader.all()));
  }
}
