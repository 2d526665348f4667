package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PlacementService;
import eu.federa.placement.RebalancePlanner;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.AuthenticatedUser;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.tenancy.BlackoutWindows;
import eu.federa.tenancy.MoveConsent;
import eu.federa.tenancy.Residency;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantDirectory;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves of running VMs to another host of their provider (issue #20): a rebalancing plan's moves,
 * applied by a platform admin or by automatic rebalancing, and their reversal. Starting one checks,
 * under the order's lock, that the VM still runs where the plan saw it, that its tenant is not in a
 * blackout window, and holds room on the new host (within the VM's countries); the order is then
 * MIGRATING and the saga carries the move at the provider ({@code one.vm.migrate}, live unless the
 * VM holds a GPU). Every move is audited in the tenant's log and kept here, with what became of it.
 * A move to another provider (for an organisation that allows them) goes to the saga of moves
 * between providers instead.
 */
@ApplicationScoped
public class HostMoves {

  /** Who started the moves of automatic rebalancing, as the moves and the audit log name it. */
  public static final String AUTOMATIC = "automatic rebalancing";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject CurrentUser caller;
  @Inject PlacementService placement;
  @Inject BlackoutWindows blackouts;
  @Inject TenantDirectory tenants;
  @Inject TenantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;
  @Inject HostMoves self;
  @Inject MoveConsent consent;
  @Inject Event<AcrossProviderMove> acrossMoves;

  /** Where a move is. */
  public enum State {
    MOVING,
    DONE,
    FAILED
  }

  /**
   * A move as the pages list it.
   *
   * @param reason HOT_SPOT, CONSOLIDATION or REVERSAL
   * @param failure why it failed (null unless FAILED)
   */
  public record View(
      long id,
      long orderId,
      long tenantId,
      String vmName,
      String providerName,
      String fromHost,
      String toHost,
      boolean live,
      String reason,
      boolean automatic,
      State state,
      String requestedBy,
      Instant requestedAt,
      Instant finishedAt,
      Reason failure,
      Long reversesMoveId,
      Long reversedByMoveId,
      Double sourcePeakBefore,
      Double sourcePeakAfter,
      Double targetPeakBefore,
      Double targetPeakAfter)
      implements Serializable {

    /** A move that ended on the new host and was not taken back yet. */
    public boolean reversible() {
      return state == State.DONE && reversedByMoveId == null;
    }
  }

  /** A move under way, as the saga needs it. */
  record Open(
      long id,
      long fromHostId,
      String fromHostName,
      long toHostId,
      String toHostName,
      boolean live,
      Instant requestedAt,
      Instant sentAt) {}

  /**
   * What became of one move that was asked to start.
   *
   * @param moveId the move, or null when it did not start
   * @param whyNot why it did not start (null when it did)
   */
  public record Started(long orderId, String vmName, Long moveId, Reason whyNot)
      implements Serializable {}

  /**
   * Starts the chosen moves of a plan (platform admins), each on its own: one that cannot start any
   * more (the VM stopped or moved meanwhile, its tenant is in a blackout window, the new host has
   * no room left) is reported, the others go ahead.
   */
  public List<Started> apply(List<RebalancePlanner.Move> moves, Map<Long, String> names) {
    caller.requirePlatformAdmin();
    String by = requester();
    List<Started> started = new ArrayList<>();
    for (RebalancePlanner.Move move : moves) {
      started.add(start(move, names.get(move.orderId()), by, false));
    }
    return started;
  }

  /**
   * One move, in transactions of its own (again after a lost race for the new host). A move to
   * another provider is checked here as any other, then handed to the saga of moves between
   * providers ({@link AcrossProviderMove}); it is not kept with the moves between hosts.
   */
  Started start(RebalancePlanner.Move move, String vmName, String by, boolean automatic) {
    if (move.acrossProviders()) {
      try {
        self.checkAcross(move);
      } catch (ConflictException e) {
        return new Started(
            move.orderId(), vmName, null, Reason.keyed(e.messageKey(), e.arguments()));
      }
      AcrossProviderMove across =
          new AcrossProviderMove(move.tenantId(), move.orderId(), move.toProviderId(), automatic);
      acrossMoves.fire(across);
      return new Started(move.orderId(), vmName, across.moveId(), across.whyNot());
    }
    try {
      long id =
          PlacementRetries.placeRetrying(
              () -> self.begin(move, by, automatic, null), Optional::empty);
      return new Started(move.orderId(), vmName, id, null);
    } catch (ConflictException e) {
      return new Started(move.orderId(), vmName, null, Reason.keyed(e.messageKey(), e.arguments()));
    } catch (NotFoundException e) {
      return new Started(move.orderId(), vmName, null, Reason.keyed("rebalance.skip.gone"));
    }
  }

  /**
   * Takes a move back (platform admins): the VM goes back to the host it came from, a move of its
   * own, if it still runs where the move left it.
   *
   * @throws NotFoundException when there is no such move
   * @throws ConflictException when it cannot be taken back (not ended on its new host, taken back
   *     already, the VM stopped or moved since, its old host has no room)
   */
  public long reverse(long moveId) {
    caller.requirePlatformAdmin();
    String by = requester();
    return PlacementRetries.placeRetrying(() -> self.beginReversal(moveId, by), Optional::empty);
  }

  /** One attempt of {@link #reverse}; public for the transaction interceptor. */
  @Transactional
  public long beginReversal(long moveId, String by) {
    caller.requirePlatformAdmin();
    View original = lockedView(moveId).orElseThrow(() -> new NotFoundException("move", moveId));
    if (original.state() != State.DONE) {
      throw new ConflictException("rebalance.reverse.notDone");
    }
    if (original.reversedByMoveId() != null) {
      throw new ConflictException("rebalance.reverse.already");
    }
    Object[] hosts =
        (Object[])
            em.createNativeQuery(
                    "SELECT from_host_id, to_host_id, live, provider_id FROM host_move"
                        + " WHERE id = ?1")
                .setParameter(1, moveId)
                .getSingleResult();
    RebalancePlanner.Move back =
        new RebalancePlanner.Move(
            original.orderId(),
            original.tenantId(),
            null,
            ((Number) hosts[1]).longValue(),
            ((Number) hosts[0]).longValue(),
            ((Number) hosts[3]).longValue(),
            false,
            toBoolean(hosts[2]),
            original.targetPeakAfter() == null ? 0 : original.targetPeakAfter(),
            original.targetPeakBefore() == null ? 0 : original.targetPeakBefore(),
            original.sourcePeakAfter() == null ? 0 : original.sourcePeakAfter(),
            original.sourcePeakBefore() == null ? 0 : original.sourcePeakBefore(),
            toBoolean(hosts[2]) ? 0 : 60,
            0);
    long id = begin(back, by, false, moveId);
    em.createNativeQuery("UPDATE host_move SET reversed_by_move_id = ?1 WHERE id = ?2")
        .setParameter(1, id)
        .setParameter(2, moveId)
        .executeUpdate();
    return id;
  }

  /**
   * Whether a move to another provider may start now: the VM still runs where the plan saw it, its
   * organisation still allows such moves and is not in a blackout window.
   *
   * @throws ConflictException (a key under {@code rebalance.skip.}) when it may not
   */
  @Transactional
  public void checkAcross(RebalancePlanner.Move move) {
    VmOrder o = em.find(VmOrder.class, move.orderId());
    requireAsPlanned(o, move, clock.instant());
    if (consent.givenBy(Set.of(o.getTenantId())).isEmpty()) {
      throw new ConflictException("rebalance.skip.noConsent");
    }
  }

  /**
   * The order is still as the plan saw it: running on the move's old host, its organisation not in
   * a blackout window at {@code now}.
   *
   * @throws ConflictException (a key under {@code rebalance.skip.}) otherwise
   */
  private void requireAsPlanned(VmOrder o, RebalancePlanner.Move move, Instant now) {
    if (o == null || o.getTenantId() != move.tenantId()) {
      throw new ConflictException("rebalance.skip.gone");
    }
    if (o.getState() != OrderState.RUNNING) {
      throw new ConflictException("rebalance.skip.notRunning");
    }
    if (o.getHostId() == null || o.getHostId() != move.fromHostId()) {
      throw new ConflictException("rebalance.skip.movedMeanwhile");
    }
    if (blackouts.blackedOut(Set.of(o.getTenantId()), now).contains(o.getTenantId())) {
      throw new ConflictException("rebalance.skip.blackout");
    }
  }

  /**
   * One attempt to start a move; public for the transaction interceptor.
   *
   * @param reverses the move this one takes back, or null
   * @return the move's id
   * @throws ConflictException (a key under {@code rebalance.skip.}) when it cannot start; nothing
   *     is written then
   */
  @Transactional
  public long begin(RebalancePlanner.Move move, String by, boolean automatic, Long reverses) {
    Instant now = clock.instant();
    VmOrder o = em.find(VmOrder.class, move.orderId(), LockModeType.PESSIMISTIC_WRITE);
    requireAsPlanned(o, move, now);
    Residency residency = tenants.residency(o.getTenantId()).orElse(null);
    Set<String> countries = RebalancePlans.allowedCountries(residency, o.getCountries());
    PlacementRequest request =
        PlacementRequest.of(o.getVcpu(), o.getMemoryMib(), o.getDiskGib())
            .providers(Set.of(o.getProviderId()), Set.of());
    if (!countries.isEmpty()) {
      request = request.inCountries(countries);
    }
    boolean live = o.getGpus() == 0 && move.live();
    if (o.getGpus() > 0) {
      request = request.withGpus(o.getGpus(), o.getGpuClass(), o.getGpuModel());
    }
    Decision decision = placement.claimOnHost(move.toHostId(), request, o.ref());
    if (!decision.placed()) {
      throw new ConflictException("rebalance.skip.noRoom");
    }
    Decision.Choice target = decision.choices().get(0);
    String reason = reverses != null ? "REVERSAL" : move.reason().name();
    em.createNativeQuery(
            "INSERT INTO host_move (order_id, tenant_id, provider_id, provider_name, vm_name,"
                + " from_host_id, from_host_name, to_host_id, to_host_name, live, reason,"
                + " automatic, reverses_move_id, state, source_peak_before, source_peak_after,"
                + " target_peak_before, target_peak_after, downtime_seconds, requested_by,"
                + " requested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                + " ?13, 'MOVING', ?14, ?15, ?16, ?17, ?18, ?19, ?20)")
        .setParameter(1, o.getId())
        .setParameter(2, o.getTenantId())
        .setParameter(3, o.getProviderId())
        .setParameter(4, o.getProviderName())
        .setParameter(5, o.getName())
        .setParameter(6, o.getHostId())
        .setParameter(7, o.getHostName())
        .setParameter(8, target.hostId())
        .setParameter(9, target.hostName())
        .setParameter(10, live)
        .setParameter(11, reason)
        .setParameter(12, automatic)
        .setParameter(13, reverses)
        .setParameter(14, move.sourcePeakBefore())
        .setParameter(15, move.sourcePeakAfter())
        .setParameter(16, move.targetPeakBefore())
        .setParameter(17, move.targetPeakAfter())
        .setParameter(18, live ? 0 : Math.max(move.downtimeSeconds(), 60))
        .setParameter(19, by)
        .setParameter(20, now)
        .executeUpdate();
    long id =
        ((Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult()).longValue();
    String detail =
        (live ? AuditDetail.HOST_MOVE_LIVE : AuditDetail.HOST_MOVE_COLD)
            .text(id, target.hostName(), o.getHostName(), reason);
    if (automatic) {
      audit.bySystem(
          AuditAction.HOST_MOVE_STARTED,
          o.getTenantId(),
          AuditTarget.Kind.ORDER.of(o.getId()),
          detail);
    } else {
      audit.success(
          AuditAction.HOST_MOVE_STARTED,
          o.getTenantId(),
          AuditTarget.Kind.ORDER.of(o.getId()),
          detail);
    }
    o.migrating(now);
    return id;
  }

  /** The move under way of an order, if any (for the saga). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Open open(long orderId) {
    return Row.first(
            em.createNativeQuery(
                    "SELECT id, from_host_id, from_host_name, to_host_id, to_host_name, live,"
                        + " requested_at, sent_at FROM host_move WHERE open_order_id = ?1")
                .setParameter(1, orderId))
        .map(
            r ->
                new Open(
                    r.lng(0),
                    r.lng(1),
                    r.str(2),
                    r.lng(3),
                    r.str(4),
                    r.bool(5),
                    r.instant(6),
                    r.instant(7)))
        .orElse(null);
  }

  /** The migration was sent to the provider now (in the saga's step transaction). */
  @Transactional(Transactional.TxType.MANDATORY)
  void sent(long moveId) {
    em.createNativeQuery("UPDATE host_move SET sent_at = ?1 WHERE id = ?2")
        .setParameter(1, clock.instant())
        .setParameter(2, moveId)
        .executeUpdate();
  }

  /** The move ended (in the saga's step transaction). */
  @Transactional(Transactional.TxType.MANDATORY)
  void ended(long moveId, State state, Reason failure) {
    em.createNativeQuery(
            "UPDATE host_move SET state = ?1, finished_at = ?2, failure_key = ?3,"
                + " failure_reason = ?4 WHERE id = ?5 AND state = 'MOVING'")
        .setParameter(1, state.name())
        .setParameter(2, clock.instant())
        .setParameter(3, failure == null ? null : failure.encoded())
        .setParameter(4, failure == null ? null : failure.english())
        .setParameter(5, moveId)
        .executeUpdate();
  }

  /** The latest moves of the federation, newest first (platform admins). */
  @Transactional
  public ResultPage<View> recent(int first, int max) {
    caller.requirePlatformAdmin();
    return page(null, first, max);
  }

  /** The latest moves of the tenant's VMs, newest first (any member). */
  @Transactional
  public ResultPage<View> ofTenant(long tenantId, int first, int max) {
    access.requireEvenWhenSuspended(tenantId, TenantPermission.VIEW);
    return page(tenantId, first, max);
  }

  /** Whether a move of the federation is under way (pages poll while one is). */
  @Transactional
  public boolean anyMoving() {
    return ((Number)
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM host_move WHERE open_order_id IS NOT NULL")
                    .getSingleResult())
            .longValue()
        > 0;
  }

  private ResultPage<View> page(Long tenantId, int first, int max) {
    String where = tenantId == null ? "" : " WHERE tenant_id = :t";
    jakarta.persistence.Query count =
        em.createNativeQuery("SELECT COUNT(*) FROM host_move" + where);
    jakarta.persistence.Query list =
        em.createNativeQuery(COLUMNS + where + " ORDER BY id DESC LIMIT :max OFFSET :first")
            .setParameter("max", max)
            .setParameter("first", first);
    if (tenantId != null) {
      count.setParameter("t", tenantId);
      list.setParameter("t", tenantId);
    }
    long total = ((Number) count.getSingleResult()).longValue();
    List<View> rows = new ArrayList<>();
    for (Row r : Row.all(list)) {
      rows.add(view(r));
    }
    return new ResultPage<>(rows, total);
  }

  private static final String COLUMNS =
      "SELECT id, order_id, tenant_id, vm_name, provider_name, from_host_name, to_host_name, live,"
          + " reason, automatic, state, requested_by, requested_at, finished_at, failure_key,"
          + " reverses_move_id, reversed_by_move_id, source_peak_before, source_peak_after,"
          + " target_peak_before, target_peak_after FROM host_move";

  private Optional<View> lockedView(long moveId) {
    return Row.first(
            em.createNativeQuery(COLUMNS + " WHERE id = ?1 FOR UPDATE").setParameter(1, moveId))
        .map(HostMoves::view);
  }

  private static View view(Row r) {
    return new View(
        r.lng(0),
        r.lng(1),
        r.lng(2),
        r.str(3),
        r.str(4),
        r.str(5),
        r.str(6),
        r.bool(7),
        r.str(8),
        r.bool(9),
        State.valueOf(r.str(10)),
        r.str(11),
        r.instant(12),
        r.instant(13),
        r.str(14) == null ? null : Reason.decode(r.str(14)),
        r.lngOrNull(15),
        r.lngOrNull(16),
        r.dblOrNull(17),
        r.dblOrNull(18),
        r.dblOrNull(19),
        r.dblOrNull(20));
  }

  private String requester() {
    return caller.user().map(AuthenticatedUser::displayName).orElse("platform admin");
  }

  private static boolean toBoolean(Object value) {
    return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
  }
}
