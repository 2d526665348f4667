package eu.federa.provisioning;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.billing.PriceList;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.registry.ProviderDirectory;
import eu.federa.network.NetworkAttachments;
import eu.federa.placement.Decision;
import eu.federa.placement.PlacementRequest;
import eu.federa.placement.PlacementService;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import eu.federa.storage.Snapshots;
import eu.federa.storage.VolumeMove;
import eu.federa.storage.Volumes;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order's side of a move to another provider (issue #16): whether a VM can move and where to,
 * holding the target (quota and capacity, under the tenant's lock), the order's state while it
 * moves, the cutover at one second (metering switches provider there) and the way back. The move's
 * own saga (package {@code moves}) calls these; each keeps the order's rules in one place.
 */
@ApplicationScoped
public class OrderMoves {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject OrderPlacement placing;
  @Inject PlacementService placement;
  @Inject QuotaReservations quota;
  @Inject OrderMeter meter;
  @Inject OrderSaga saga;
  @Inject NetworkAttachments attachments;
  @Inject Volumes volumes;
  @Inject Snapshots snapshots;
  @Inject AuditLog audit;
  @Inject ProviderDirectory providers;
  @Inject Clock clock;

  /** The VM to move as it is now: where it runs, its size and price there. */
  public record Source(
      long orderId,
      long tenantId,
      Long projectId,
      String name,
      long providerId,
      String providerName,
      String countryCode,
      long hostId,
      String hostName,
      int templateId,
      int vmId,
      int diskGib,
      BigDecimal eurPerMonth,
      String imageName)
      implements java.io.Serializable {

    /** Where the order is back at, when a move is rolled back after its cutover. */
    public VmOrder.MovedTo asTarget() {
      return new VmOrder.MovedTo(
          providerId,
          providerName,
          countryCode,
          hostId,
          hostName,
          templateId,
          vmId,
          eurPerMonth,
          imageName);
    }
  }

  /**
   * A provider the VM could move to, as placement decided it now, or why not.
   *
   * @param whyNot null when it can go there; else why not (a message key and its arguments)
   */
  public record Target(
      long providerId,
      String providerName,
      String countryCode,
      String hostName,
      Double latencyMs,
      BigDecimal eurPerMonth,
      BigDecimal differenceEurPerMonth,
      Reason whyNot)
      implements java.io.Serializable {}

  /**
   * Where the VM could go, or why it cannot move at all.
   *
   * @param whyNot null when it can move (to one of {@code targets} that has no reason against it)
   */
  public record Options(Source source, List<Target> targets, Reason whyNot)
      implements java.io.Serializable {}

  /** What a move holds once it begins: its source, and the host placement chose at the target. */
  public record Begun(
      Source source,
      long targetProviderId,
      String targetProviderName,
      String targetCountry,
      long targetHostId,
      String targetHostName,
      int templateId,
      BigDecimal eurAfter,
      boolean stopped,
      List<Volumes.OnVm> volumes) {}

  /**
   * Where the tenant's VM could move to: every other provider offering its image within the
   * tenant's residency and the order's countries, each with placement's verdict and price.
   *
   * @throws NotFoundException when the order is not the tenant's
   */
  @Transactional
  public Options options(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    VmOrder order = find(tenantId, orderId);
    return options(order);
  }

  /**
   * The VM a member (who may order) is about to move, or a platform admin evacuating its provider
   * ({@code asPlatform}: the caller checked that).
   *
   * @throws NotFoundException when the order is not the tenant's
   * @throws ConflictException when it cannot move now
   */
  @Transactional
  public Source toMove(long tenantId, long orderId, boolean asPlatform) {
    if (!asPlatform) {
      access.require(tenantId, TenantPermission.ORDER);
    }
    VmOrder order = find(tenantId, orderId);
    Reason whyNot = whyNot(order);
    if (whyNot != null) {
      throw new ConflictException(whyNot.key(), whyNot.arguments());
    }
    return source(order);
  }

  /**
   * One VM of a plan off a provider: where it would go, or why it cannot move.
   *
   * @param volumeGib its volumes, which move with it
   */
  public record Planned(Source source, Target target, Reason whyNot, int volumeGib)
      implements java.io.Serializable {}

  /**
   * The plan of moving the VMs off {@code providerId}: those of one tenant (null: of every tenant)
   * and one project (null: all), each with the host placement would choose when they move one after
   * the other (each seeing what the ones before it took), within its tenant's residency and its
   * order's countries, and within its tenant's quota (each copy counts twice until its move cuts
   * over); or why it cannot move. Nothing is held. The caller checked who asks.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<Planned> planOff(long providerId, Long tenantId, Long projectId) {
    List<VmOrder> onIt =
        em.createQuery(
                "select o from VmOrder o where o.providerId = :p and o.state not in :ended"
                    + " and (:t is null or o.tenantId = :t) and (:pr is null or o.projectId = :pr)"
                    + " order by o.tenantId, o.id",
                VmOrder.class)
            .setParameter("p", providerId)
            .setParameter("ended", OrderState.ENDED)
            .setParameter("t", tenantId)
            .setParameter("pr", projectId)
            .getResultList();
    Map<Long, Integer> volumeGib = volumes.gibOnEach(onIt.stream().map(VmOrder::getId).toList());
    Planned[] planned = new Planned[onIt.size()];
    List<Integer> placing = new ArrayList<>();
    List<OrderPlacement.Again> agains = new ArrayList<>();
    for (int i = 0; i < onIt.size(); i++) {
      VmOrder o = onIt.get(i);
      Reason whyNot = whyNot(o);
      Optional<OrderPlacement.Again> again =
          whyNot == null ? this.placing.again(o, Set.of(providerId)) : Optional.empty();
      if (whyNot == null && again.isEmpty()) {
        whyNot = Reason.keyed("move.why.nowhere");
      }
      if (whyNot != null) {
        planned[i] = new Planned(source(o), null, whyNot, volumeGib.getOrDefault(o.getId(), 0));
      } else {
        placing.add(i);
        agains.add(again.get());
      }
    }
    List<Decision> decisions =
        placement.planEach(agains.stream().map(OrderPlacement.Again::request).toList());
    Map<Long, Usage> byTenant = new HashMap<>();
    Map<Long, Usage> byProject = new HashMap<>();
    for (int k = 0; k < placing.size(); k++) {
      VmOrder o = onIt.get(placing.get(k));
      Decision d = decisions.get(k);
      if (!d.placed()) {
        planned[placing.get(k)] =
            new Planned(
                source(o),
                null,
                Reason.keyed("move.why.filter." + d.shortfall().filter().name()),
                volumeGib.getOrDefault(o.getId(), 0));
        continue;
      }
      Usage one =
          new Usage(
              o.getVcpu(),
              o.getMemoryMib(),
              o.getGpus(),
              1,
              o.getDiskGib() + volumeGib.getOrDefault(o.getId(), 0),
              0);
      Usage tenantWants = byTenant.getOrDefault(o.getTenantId(), Usage.NONE).plus(one);
      Usage projectWants =
          o.getProjectId() == null
              ? null
              : byProject.getOrDefault(o.getProjectId(), Usage.NONE).plus(one);
      Decision.Choice c = d.choices().get(0);
      BigDecimal after = eurPerMonth(agains.get(k), c.providerId(), o);
      BigDecimal before = o.getEstimateEurMonth();
      Target target =
          new Target(
              c.providerId(),
              c.providerName(),
              c.countryCode(),
              c.hostName(),
              c.latencyMs(),
              after,
              after == null || before == null ? null : after.subtract(before),
              null);
      // The tenant's limits are read under its lock, as for an order (the plan holds it until it
      // is made, a few seconds); what it holds is read current by the check itself.
      quota.lockTenant(o.getTenantId());
      boolean fits =
          quota.fits(o.getTenantId(), null, tenantWants)
              && (projectWants == null
                  || quota.fits(o.getTenantId(), o.getProjectId(), projectWants));
      if (!fits) {
        planned[placing.get(k)] =
            new Planned(
                source(o),
                target,
                Reason.keyed("move.why.quota"),
                volumeGib.getOrDefault(o.getId(), 0));
        continue;
      }
      byTenant.put(o.getTenantId(), tenantWants);
      if (projectWants != null) {
        byProject.put(o.getProjectId(), projectWants);
      }
      planned[placing.get(k)] =
          new Planned(source(o), target, null, volumeGib.getOrDefault(o.getId(), 0));
    }
    return List.of(planned);
  }

  private Options options(VmOrder order) {
    Reason whyNot = whyNot(order);
    if (whyNot != null) {
      return new Options(source(order), List.of(), whyNot);
    }
    Source source = source(order);
    Optional<OrderPlacement.Again> again = placing.again(order, Set.of(order.getProviderId()));
    if (again.isEmpty()) {
      return new Options(source, List.of(), Reason.keyed("move.why.nowhere"));
    }
    Map<Long, Decision> decisions =
        placement.previewEach(again.get().request(), again.get().templates().keySet());
    List<Target> targets = new ArrayList<>();
    for (Map.Entry<Long, Decision> d : decisions.entrySet()) {
      targets.add(target(order, again.get(), d.getKey(), d.getValue()));
    }
    targets.sort(
        Comparator.comparing((Target t) -> t.whyNot() != null)
            .thenComparing(
                t -> t.eurPerMonth() == null ? BigDecimal.valueOf(Long.MAX_VALUE) : t.eurPerMonth())
            .thenComparing(Target::providerName));
    boolean any = targets.stream().anyMatch(t -> t.whyNot() == null);
    return new Options(source, targets, any ? null : Reason.keyed("move.why.noRoom"));
  }

  private Target target(
      VmOrder order, OrderPlacement.Again again, long providerId, Decision decision) {
    BigDecimal after = eurPerMonth(again, providerId, order);
    BigDecimal before = order.getEstimateEurMonth();
    BigDecimal difference = after == null || before == null ? null : after.subtract(before);
    if (!decision.placed()) {
      ProviderDirectory.ProviderCard card = providers.byIds(List.of(providerId)).get(providerId);
      return new Target(
          providerId,
          card == null ? Long.toString(providerId) : card.name(),
          card == null ? null : card.countryCode(),
          null,
          null,
          after,
          difference,
          Reason.keyed("move.why.filter." + decision.shortfall().filter().name()));
    }
    Decision.Choice c = decision.choices().get(0);
    return new Target(
        c.providerId(),
        c.providerName(),
        c.countryCode(),
        c.hostName(),
        c.latencyMs(),
        after,
        difference,
        null);
  }

  private BigDecimal eurPerMonth(OrderPlacement.Again again, long providerId, VmOrder order) {
    PriceList.Estimate e =
        placing.estimate(
            providerId,
            again.size(),
            1,
            order.publicIps(),
            Math.max(0, order.getDiskGib() - again.size().diskGib()));
    return e == null ? null : e.eurPerMonth();
  }

  /** Why the order's VM cannot move now; null when it can. */
  private Reason whyNot(VmOrder order) {
    if (order.getMoveId() != null || order.getState() == OrderState.MOVING) {
      return Reason.keyed("move.why.moving");
    }
    if (order.getServiceId() != null) {
      return Reason.keyed("move.why.aiService");
    }
    if ((order.getState() != OrderState.RUNNING && order.getState() != OrderState.STOPPED)
        || order.getOneVmId() == null) {
      return Reason.keyed("move.why.notRunning", order.getState().name());
    }
    if (volumes.busyOnVm(order.getId())) {
      return Reason.keyed("move.why.volumesBusy");
    }
    if (snapshots.anyOfVm(order.getId())) {
      return Reason.keyed("move.why.snapshots");
    }
    return null;
  }

  /**
   * Begins a move of the order to {@code targetProviderId}: checks it may move, holds the quota and
   * a host there for it (both count until the cutover), and marks the order as moving. In the
   * caller's transaction, which took the tenant's quota lock as its first statement.
   *
   * @throws NotFoundException when the order is not the tenant's
   * @throws ConflictException when it cannot move, or not there now
   * @throws eu.federa.quota.QuotaExceededException when the quota has no room for both copies
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Begun begin(long tenantId, long orderId, long targetProviderId, boolean asPlatform) {
    // First, before any read: the checks below then see every change the tenant's earlier
    // orders and moves committed (see OrderPlacement.placeOnce).
    quota.lockTenant(tenantId);
    if (!asPlatform) {
      access.require(tenantId, TenantPermission.ORDER);
    }
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    Reason whyNot = whyNot(order);
    if (whyNot != null) {
      throw new ConflictException(whyNot.key(), whyNot.arguments());
    }
    OrderPlacement.Again again =
        placing
            .again(order, Set.of(order.getProviderId()))
            .filter(a -> a.templates().containsKey(targetProviderId))
            .orElseThrow(() -> new ConflictException("move.error.target"));
    Source source = source(order);
    // Its volumes go along (locked: none is attached or detached meanwhile).
    List<Volumes.OnVm> along = volumes.forMove(orderId);
    if (along == null) {
      throw new ConflictException("move.why.volumesBusy");
    }
    int volumeGib = along.stream().mapToInt(Volumes.OnVm::sizeGib).sum();
    String ref = VmOrder.moveRefOf(orderId);
    quota.reserve(
        tenantId,
        order.getProjectId(),
        order.getGpuModel(),
        ref,
        new Usage(
            order.getVcpu(),
            order.getMemoryMib(),
            order.getGpus(),
            1,
            order.getDiskGib() + volumeGib,
            0));
    PlacementRequest request = again.request().providers(Set.of(targetProviderId), Set.of());
    Decision decision = placement.claim(request, ref);
    if (!decision.placed()) {
      throw new ConflictException("move.error.noRoom", source.name());
    }
    Decision.Choice c = decision.choices().get(0);
    return new Begun(
        source,
        c.providerId(),
        c.providerName(),
        c.countryCode(),
        c.hostId(),
        c.hostName(),
        again.templates().get(targetProviderId),
        eurPerMonth(again, targetProviderId, order),
        order.getState() == OrderState.STOPPED,
        along);
  }

  /** Ties the order to its move (same transaction as {@link #begin}): it is the move's now. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void attach(long orderId, long moveId, long targetProviderId) {
    em.find(VmOrder.class, orderId).moving(moveId, targetProviderId, clock.instant());
  }

  /** The source was stopped for the copy: charged powered off from {@code at}. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void sourceStopped(long orderId, Instant at) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order.getState() == OrderState.MOVING) {
      meter.stoppedForMove(order, at);
    }
  }

  /**
   * The order's VM at the target: created (or adopted after a retry) from the order, booting from
   * the disk imported there. The caller records its id ({@link #recordTarget}).
   */
  public int createTarget(long orderId, long providerId, long hostId, int templateId, int imageId) {
    return saga.createMoved(orderId, providerId, hostId, templateId, imageId);
  }

  /** The order's VM at the target, so that the reconciler knows it is no orphan. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordTarget(long orderId, int vmId) {
    em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE).otherVm(vmId);
  }

  /**
   * The cutover: from this second the order's VM is the one at the target, and it is charged there;
   * what the move held there becomes the order's own (the source's hold is released).
   *
   * @return the cutover second
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Instant cutOver(
      long orderId, VmOrder.MovedTo to, VirtualMachine vm, List<VolumeMove> volumesThere) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    Instant now = clock.instant();
    String from = order.getProviderName();
    order.cutOver(to, vm.ips(), vm.displayState(), poweredOff(vm), now);
    meter.observe(order, now);
    volumesThere.forEach(v -> volumes.moved(v, now));
    String ref = VmOrder.moveRefOf(orderId);
    placement.settle(ref); // the VM runs at the target: its claim goes with the next sync there
    quota.release(ref);
    audit.bySystem(
        AuditAction.MOVE_CUT_OVER,
        order.getTenantId(),
        AuditTarget.Kind.ORDER.of(orderId),
        AuditDetail.CUT_OVER.text(from, to.providerName(), to.vmId()));
    return now;
  }

  /**
   * A move that did not cut over ends: the source runs again (or stays stopped, when it moved
   * stopped) and is charged so from now; what the move held at the target is released.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void abandon(long orderId, VirtualMachine source) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    order.moveEnded(source.ips(), source.displayState(), poweredOff(source), clock.instant());
    meter.observe(order, clock.instant());
    String ref = VmOrder.moveRefOf(orderId);
    placement.release(ref);
    quota.release(ref);
  }

  /**
   * The user takes back a move that cut over: the order is the move's again while the target goes
   * and the source starts.
   *
   * @return whether the VM is stopped now (it ends stopped at its source then)
   * @throws ConflictException when the VM is in the middle of an action
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean movingBack(long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    if (order.getState() != OrderState.RUNNING && order.getState() != OrderState.STOPPED) {
      throw new ConflictException("order.error.state", order.getState().name());
    }
    return order.movingBack(clock.instant());
  }

  /**
   * The move taken back after its cutover is over: the order is at its source again, running,
   * charged there from this second.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void cutBack(
      long orderId, Source source, VirtualMachine vm, List<VolumeMove> volumesBack) {
    VmOrder order = em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE);
    Instant now = clock.instant();
    order.cutOver(source.asTarget(), vm.ips(), vm.displayState(), poweredOff(vm), now);
    order.moveEnded(vm.ips(), vm.displayState(), poweredOff(vm), now);
    meter.observe(order, now);
    volumesBack.forEach(v -> volumes.moved(v, now));
  }

  /** The move is over and its second VM gone: the order has one VM again. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void confirmed(long orderId) {
    em.find(VmOrder.class, orderId, LockModeType.PESSIMISTIC_WRITE).moveConfirmed();
  }

  /** The order's state now (the move looks whether it was ended meanwhile). */
  @Transactional
  public OrderState state(long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId);
    return order == null ? OrderState.TERMINATED : order.getState();
  }

  /**
   * Gives the order's public address at a provider back, once its VM there is gone; false when the
   * provider still counts it as used (asked again later).
   */
  public boolean releasePublicAddress(long providerId, long tenantId, long orderId) {
    return attachments.releasePublicAddress(providerId, tenantId, orderId);
  }

  private static boolean poweredOff(VirtualMachine vm) {
    return vm.state().is(eu.federa.cloud.VmState.POWEROFF);
  }

  private VmOrder find(long tenantId, long orderId) {
    VmOrder order = em.find(VmOrder.class, orderId);
    if (order == null || order.getTenantId() != tenantId) {
      throw new NotFoundException("order", orderId);
    }
    return order;
  }

  private static Source source(VmOrder o) {
    return new Source(
        o.getId(),
        o.getTenantId(),
        o.getProjectId(),
        o.getName(),
        o.getProviderId() == null ? 0 : o.getProviderId(),
        o.getProviderName(),
        o.getCountryCode(),
        o.getHostId() == null ? 0 : o.getHostId(),
        o.getHostName(),
        o.getTemplateId() == null ? 0 : o.getTemplateId(),
        o.getOneVmId() == null ? 0 : o.getOneVmId(),
        o.getDiskGib(),
        o.getEstimateEurMonth(),
        o.getMovedImageName());
  }
}
