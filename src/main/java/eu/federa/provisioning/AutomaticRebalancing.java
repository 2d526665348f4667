package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.placement.RebalancePlanner;
import eu.federa.placement.RebalancePlanner.Limits;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.tenancy.BlackoutWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Automatic rebalancing (issue #20): when a platform admin switches it on, every run (hourly by
 * default, {@code FEDERA_REBALANCE_INTERVAL_SECONDS}) makes the plan from the forecasts and starts
 * its moves within limits: so many moves an hour in all and per tenant (moves of the last hour
 * count, whoever started them, between hosts or providers), never a VM of a tenant in a blackout
 * window, never outside its countries, and to another provider only when the policy says so and the
 * VM's organisation allowed it (such a move stops the VM while its disk is copied). One node runs
 * it at a time (the policy's row is claimed).
 */
@ApplicationScoped
public class AutomaticRebalancing {

  private static final Logger LOG = Logger.getLogger(AutomaticRebalancing.class.getName());

  /** The largest limits an admin may set. */
  static final int MAX_PER_HOUR = 1000;

  static final int MAX_PER_TENANT_PER_HOUR = 100;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject RebalancePlans plans;
  @Inject HostMoves moves;
  @Inject BlackoutWindows blackouts;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject AutomaticRebalancing self;
  @Inject jakarta.enterprise.event.Event<MovesStartedSince> movesAcross;

  /** The policy and what its last run did. */
  public record Policy(
      boolean automatic,
      int maxMovesPerHour,
      int maxMovesPerTenantPerHour,
      boolean acrossProviders,
      Instant nextRunAt,
      Instant lastRunAt,
      Integer lastRunMoves,
      Integer lastRunSkipped,
      String changedBy,
      Instant changedAt)
      implements Serializable {}

  /** The moves a run starts, and how many of the plan's the limits left out. */
  public record Selection(List<RebalancePlanner.Move> moves, int skipped) {}

  /** The policy (platform admins). */
  @Transactional
  public Policy policy() {
    caller.requirePlatformAdmin();
    return read();
  }

  /**
   * Changes the policy (platform admins; audited).
   *
   * @param acrossProviders whether automatic runs may also move VMs to another provider (of
   *     organisations that allowed it)
   * @throws InvalidInputException for limits out of range
   */
  @Transactional
  public void change(
      boolean automatic,
      int maxMovesPerHour,
      int maxMovesPerTenantPerHour,
      boolean acrossProviders) {
    caller.requirePlatformAdmin();
    List<FieldError> errors = new ArrayList<>();
    if (maxMovesPerHour < 1 || maxMovesPerHour > MAX_PER_HOUR) {
      errors.add(FieldError.of("maxMovesPerHour", "catalog.error.range", 1, MAX_PER_HOUR));
    }
    if (maxMovesPerTenantPerHour < 1 || maxMovesPerTenantPerHour > MAX_PER_TENANT_PER_HOUR) {
      errors.add(
          FieldError.of(
              "maxMovesPerTenantPerHour", "catalog.error.range", 1, MAX_PER_TENANT_PER_HOUR));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    em.createNativeQuery("SELECT id FROM rebalance_policy WHERE id = 1 FOR UPDATE").getResultList();
    Policy before = read();
    em.createNativeQuery(
            "UPDATE rebalance_policy SET automatic = ?1, max_moves_per_hour = ?2,"
                + " max_moves_per_tenant_per_hour = ?3, changed_by = ?4, changed_at = ?5,"
                + " across_providers = ?6,"
                // switched on: the first run comes at once
                + " next_run_at = IF(?1 AND NOT automatic, ?5, next_run_at),"
                + " version = version + 1 WHERE id = 1")
        .setParameter(1, automatic)
        .setParameter(2, maxMovesPerHour)
        .setParameter(3, maxMovesPerTenantPerHour)
        .setParameter(4, caller.user().map(AuthenticatedUser::displayName).orElse(""))
        .setParameter(5, clock.instant())
        .setParameter(6, acrossProviders)
        .executeUpdate();
    audit.success(
        AuditAction.REBALANCE_POLICY_CHANGED,
        null,
        AuditTarget.Word.REBALANCING.text(),
        AuditDetail.REBALANCING.text(
            before.automatic() ? "automatic" : "review only",
            automatic ? "automatic" : "review only",
            maxMovesPerHour,
            maxMovesPerTenantPerHour,
            acrossProviders ? "to other providers too" : "inside providers only"));
  }

  /**
   * A run, if one is due and no other node has it: makes the plan and starts its moves within the
   * limits. Called by each node's worker tick.
   *
   * @return the moves started
   */
  public int runIfDue(Duration interval) {
    Policy policy = self.claimRun(interval);
    if (policy == null || !policy.automatic()) {
      return 0;
    }
    return run(policy);
  }

  /**
   * A run under {@code policy} now, whatever its schedule (the caller holds the run: the worker
   * after {@link #claimRun}, or a test).
   *
   * @return the moves started
   */
  public int run(Policy policy) {
    Instant now = clock.instant();
    RebalancePlans.Input in = plans.input();
    Map<Long, Integer> lastHour = self.movesSince(now.minus(Duration.ofHours(1)));
    int usedInAll = lastHour.values().stream().mapToInt(Integer::intValue).sum();
    Set<Long> blackedOut =
        blackouts.blackedOut(
            in.vms().stream().map(RebalancePlanner.Vm::tenantId).collect(Collectors.toSet()), now);
    // VMs the limits rule out are left out of the plan, so that it relieves hot spots with others.
    List<RebalancePlanner.Vm> movable =
        in.vms().stream()
            .filter(v -> !blackedOut.contains(v.tenantId()))
            .filter(v -> lastHour.getOrDefault(v.tenantId(), 0) < policy.maxMovesPerTenantPerHour())
            .toList();
    int room = Math.max(0, policy.maxMovesPerHour() - usedInAll);
    RebalancePlanner.Plan plan =
        RebalancePlanner.plan(
            in.hosts(),
            movable,
            new Limits(
                Limits.DEFAULT.hotPercent(),
                Limits.DEFAULT.targetPercent(),
                Limits.DEFAULT.emptyBelowPercent(),
                Math.max(room, 1),
                policy.maxMovesPerTenantPerHour(),
                Limits.DEFAULT.transferGbitPerSecond()));
    Selection chosen =
        select(
            plan.moves(),
            room,
            lastHour,
            policy.maxMovesPerTenantPerHour(),
            blackedOut,
            policy.acrossProviders());
    int started = 0;
    for (RebalancePlanner.Move move : chosen.moves()) {
      HostMoves.Started s =
          moves.start(move, in.names().get(move.orderId()), HostMoves.AUTOMATIC, true);
      if (s.moveId() != null) {
        started++;
      } else {
        LOG.info(
            () ->
                "Automatic rebalancing: order "
                    + move.orderId()
                    + " not moved: "
                    + s.whyNot().english());
      }
    }
    self.recordRun(started, chosen.skipped() + chosen.moves().size() - started);
    return started;
  }

  /**
   * The plan's moves a run may start: within the hour's room in all and each tenant's, none of a
   * tenant in a blackout window, none to another provider unless {@code acrossProviders} (the plan
   * has such moves only for organisations that allowed them); the plan's order is kept (hot spots
   * first).
   *
   * @param usedByTenant the moves each tenant's VMs had in the last hour
   */
  static Selection select(
      List<RebalancePlanner.Move> plan,
      int room,
      Map<Long, Integer> usedByTenant,
      int perTenant,
      Set<Long> blackedOut,
      boolean acrossProviders) {
    List<RebalancePlanner.Move> chosen = new ArrayList<>();
    Map<Long, Integer> used = new HashMap<>(usedByTenant);
    int skipped = 0;
    for (RebalancePlanner.Move move : plan) {
      boolean allowed =
          chosen.size() < room
              && (acrossProviders || !move.acrossProviders())
              && !blackedOut.contains(move.tenantId())
              && used.getOrDefault(move.tenantId(), 0) < perTenant;
      if (allowed) {
        chosen.add(move);
        used.merge(move.tenantId(), 1, Integer::sum);
      } else {
        skipped++;
      }
    }
    return new Selection(List.copyOf(chosen), skipped);
  }

  /** Takes the run if it is due and no other node holds it; null otherwise. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Policy claimRun(Duration interval) {
    Instant now = clock.instant();
    List<?> due =
        em.createNativeQuery(
                "SELECT id FROM rebalance_policy WHERE id = 1 AND next_run_at <= ?1"
                    + " FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .getResultList();
    if (due.isEmpty()) {
      return null;
    }
    em.createNativeQuery("UPDATE rebalance_policy SET next_run_at = ?1 WHERE id = 1")
        .setParameter(1, now.plus(interval))
        .executeUpdate();
    return read();
  }

  /**
   * The moves started since {@code since}, per tenant: between hosts (automatic or by an admin) and
   * between providers (by the tenant, an evacuation or rebalancing: asked of the {@code moves}
   * capability, {@link MovesStartedSince}).
   */
  @Transactional
  public Map<Long, Integer> movesSince(Instant since) {
    MovesStartedSince across = new MovesStartedSince(since);
    movesAcross.fire(across);
    Map<Long, Integer> counts = new HashMap<>(across.byTenant());
    for (Row r :
        Row.all(
            em.createNativeQuery(
                    "SELECT tenant_id, COUNT(*) FROM host_move WHERE requested_at >= ?1"
                        + " GROUP BY tenant_id")
                .setParameter(1, since))) {
      counts.merge(r.lng(0), (int) r.lng(1), Integer::sum);
    }
    return counts;
  }

  @Transactional
  public void recordRun(int started, int skipped) {
    em.createNativeQuery(
            "UPDATE rebalance_policy SET last_run_at = ?1, last_run_moves = ?2,"
                + " last_run_skipped = ?3 WHERE id = 1")
        .setParameter(1, clock.instant())
        .setParameter(2, started)
        .setParameter(3, skipped)
        .executeUpdate();
  }

  private Policy read() {
    Row r =
        Row.single(
            em.createNativeQuery(
                "SELECT automatic, max_moves_per_hour, max_moves_per_tenant_per_hour,"
                    + " across_providers, next_run_at, last_run_at, last_run_moves,"
                    + " last_run_skipped, changed_by, changed_at FROM rebalance_policy WHERE id = 1"));
    return new Policy(
        r.bool(0),
        r.integer(1),
        r.integer(2),
        r.bool(3),
        r.instant(4),
        r.instant(5),
        r.intOrNull(6),
        r.intOrNull(7),
        r.str(8),
        r.instant(9));
  }
}
