package eu.federa.moves;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.CurrentUser;
import eu.federa.platform.security.LinkSigner;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.provisioning.OrderMoves;
import eu.federa.storage.Volumes;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Moving a VM to another provider, as users ask for it: where it could go (placement's verdict for
 * each provider, the price difference and the expected downtime), starting a move, following it,
 * and deciding after the cutover (confirm: the source goes; take back: the VM returns to it). Every
 * read and change is scoped to the caller's tenant; another tenant's move is not found.
 */
@ApplicationScoped
public class Moves {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject OrderMoves orders;
  @Inject TenantAccess access;
  @Inject CurrentUser caller;
  @Inject AuditLog audit;
  @Inject LinkSigner signer;
  @Inject Clock clock;
  @Inject Moves self;
  @Inject Volumes volumes;

  private static final long GIB = 1024L * 1024 * 1024;

  /** Seconds a move's downtime has beside the copy: stopping, creating, booting, checking. */
  static final long FIXED_DOWNTIME_SECONDS = 120;

  /**
   * Where the VM could go, and what a move would cost it.
   *
   * @param downtimeSeconds the expected time the VM is stopped: its disk and its volumes copied
   *     twice (into Federa, then by the target) at the assumed throughput, plus stopping and
   *     starting
   * @param current the move under way or awaiting a decision, if any
   * @param volumes the volumes on the VM, which move with it
   */
  public record Plan(
      OrderMoves.Options options,
      long downtimeSeconds,
      MoveView current,
      List<eu.federa.storage.VolumeView> volumes)
      implements java.io.Serializable {}

  /**
   * @throws NotFoundException when the order is not the tenant's
   */
  @Transactional
  public Plan plan(long tenantId, long orderId) {
    OrderMoves.Options options = orders.options(tenantId, orderId);
    List<eu.federa.storage.VolumeView> along =
        volumes.ofVm(tenantId, orderId).stream().filter(v -> !v.state().ended()).toList();
    return new Plan(
        options,
        downtimeSeconds(
            options.source().diskGib()
                + along.stream().mapToInt(eu.federa.storage.VolumeView::sizeGib).sum()),
        current(tenantId, orderId).orElse(null),
        along);
  }

  /** The expected downtime of a move of a disk of {@code diskGib}. */
  static long downtimeSeconds(long diskGib) {
    long mibPerSecond = Math.max(1, Setting.MOVE_ASSUMED_MIB_PER_SECOND.intValue());
    return FIXED_DOWNTIME_SECONDS + 2 * diskGib * 1024 / mibPerSecond;
  }

  /**
   * Starts moving the VM to {@code targetProviderId}: the target's quota and a host there are held
   * at once (both copies count until the cutover), and a worker on any node carries it on.
   *
   * @param linkBase the portal's address, from which the target downloads the disk
   * @throws NotFoundException when the order is not the tenant's
   * @throws ConflictException when it cannot move now, or not there
   * @throws eu.federa.quota.QuotaExceededException when the quota has no room for the second copy
   */
  public long start(long tenantId, long orderId, long targetProviderId, String linkBase) {
    return start(tenantId, orderId, targetProviderId, linkBase, false, null);
  }

  /**
   * As above; {@code asPlatform}: a platform admin evacuating the VM's provider or applying a
   * rebalancing plan, or automatic rebalancing (the caller checked that), who is no member of the
   * tenant; {@code requestedBy}: who the move names as having asked for it when that is not the
   * caller (automatic rebalancing, which runs in a worker), null for the caller.
   */
  long start(
      long tenantId,
      long orderId,
      long targetProviderId,
      String linkBase,
      boolean asPlatform,
      String requestedBy) {
    // No provider is asked here: which disk moves is read when the move's turn comes.
    return self.record(tenantId, orderId, targetProviderId, linkBase, asPlatform, requestedBy);
  }

  /** One attempt of {@link #start}'s transaction; public so that its interceptor applies. */
  @Transactional
  public long record(
      long tenantId,
      long orderId,
      long targetProviderId,
      String linkBase,
      boolean asPlatform,
      String requestedBy) {
    // First statement: the tenant's quota lock (the checks that follow see every earlier order).
    OrderMoves.Begun b = orders.begin(tenantId, orderId, targetProviderId, asPlatform);
    OrderMoves.Source s = b.source();
    VmMove m =
        new VmMove(
            new VmMove.Start(
                tenantId,
                s.projectId(),
                orderId,
                s.name(),
                requestedBy != null ? requestedBy : caller.user().map(u -> u.subject()).orElse("?"),
                s.providerId(),
                s.providerName(),
                s.countryCode(),
                s.vmId(),
                s.hostId(),
                s.hostName(),
                s.templateId(),
                s.imageName(),
                b.targetProviderId(),
                b.targetProviderName(),
                b.targetCountry(),
                b.targetHostId(),
                b.targetHostName(),
                b.templateId(),
                s.diskGib() * 1024,
                b.stopped(),
                linkBase,
                s.eurPerMonth(),
                b.eurAfter()),
            clock.instant());
    long volumeBytes = 0;
    for (Volumes.OnVm v : b.volumes()) {
      volumeBytes += v.sizeGib() * GIB;
    }
    m.volumes(volumeBytes);
    em.persist(m);
    em.flush();
    for (Volumes.OnVm v : b.volumes()) {
      em.persist(
          new MoveVolume(
              m.getId(), v.volumeId(), v.sizeGib(), v.imageId(), v.diskId(), v.datastoreId()));
    }
    orders.attach(orderId, m.getId(), b.targetProviderId());
    audit.success(
        AuditAction.MOVE_STARTED,
        tenantId,
        AuditTarget.Kind.ORDER.of(orderId),
        AuditDetail.MOVE_BETWEEN.text(m.getId(), s.providerName(), b.targetProviderName()));
    return m.getId();
  }

  /**
   * @throws NotFoundException when it is not the tenant's
   */
  @Transactional
  public MoveView view(long tenantId, long moveId) {
    access.require(tenantId, TenantPermission.VIEW);
    return MoveView.of(find(tenantId, moveId), clock.instant());
  }

  /** The order's move under way or awaiting a decision, if any. */
  @Transactional
  public Optional<MoveView> current(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select m from VmMove m where m.tenantId = :t and m.orderId = :o"
                + " and m.state in :open order by m.id desc",
            VmMove.class)
        .setParameter("t", tenantId)
        .setParameter("o", orderId)
        .setParameter("open", List.of(MoveState.MOVING, MoveState.KEPT, MoveState.ROLLING_BACK))
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(m -> MoveView.of(m, clock.instant()));
  }

  /** The tenant's moves, newest first. */
  @Transactional
  public List<MoveView> list(long tenantId, int first, int max) {
    access.require(tenantId, TenantPermission.VIEW);
    return ResultPage.window(
            em.createQuery(
                    "select m from VmMove m where m.tenantId = :t order by m.id desc", VmMove.class)
                .setParameter("t", tenantId),
            first,
            max)
        .getResultStream()
        .map(m -> MoveView.of(m, clock.instant()))
        .toList();
  }

  /** The moves off a provider, newest first (platform admins: an evacuation's progress). */
  @Transactional
  public List<MoveView> offProvider(long providerId, int max) {
    caller.requirePlatformAdmin();
    return em.createQuery(
            "select m from VmMove m where m.sourceProviderId = :p order by m.id desc", VmMove.class)
        .setParameter("p", providerId)
        .setMaxResults(max)
        .getResultStream()
        .map(m -> MoveView.of(m, clock.instant()))
        .toList();
  }

  /**
   * The user confirms a move that cut over: its source is deleted now.
   *
   * @throws ConflictException when it awaits no decision
   */
  @Transactional
  public MoveView confirm(long tenantId, long moveId) {
    access.require(tenantId, TenantPermission.ORDER);
    VmMove m = locked(tenantId, moveId);
    if (!MoveView.of(m, clock.instant()).awaitsDecision()) {
      throw new ConflictException("move.error.noDecision", m.getState().name());
    }
    m.confirm(clock.instant());
    audit.success(
        AuditAction.MOVE_CONFIRMED,
        tenantId,
        AuditTarget.Kind.ORDER.of(m.getOrderId()),
        AuditDetail.MOVE.text(moveId));
    return MoveView.of(m, clock.instant());
  }

  /**
   * The user takes a move back: before its cutover the move is called off, after it the VM returns
   * to its source (started again there, the target's VM removed). Either way nothing is lost.
   *
   * @throws ConflictException when it is too late (the source is gone) or too early to say
   */
  @Transactional
  public MoveView takeBack(long tenantId, long moveId) {
    access.require(tenantId, TenantPermission.ORDER);
    VmMove m = locked(tenantId, moveId);
    MoveView now = MoveView.of(m, clock.instant());
    if (now.awaitsDecision()) {
      m.endsStopped(orders.movingBack(m.getOrderId()));
    } else if (!now.cancellable()) {
      throw new ConflictException("move.error.notNow", m.getState().name());
    }
    m.rollBack(Reason.keyed("move.reason.byUser"), clock.instant());
    audit.success(
        AuditAction.MOVE_ROLLED_BACK,
        tenantId,
        AuditTarget.Kind.ORDER.of(m.getOrderId()),
        AuditDetail.MOVE.text(moveId));
    return MoveView.of(m, clock.instant());
  }

  /** A moving disk, for the target's download by its signed link. */
  public record Download(Path file, long sizeBytes, String sha256, String fileName) {}

  /**
   * The moving VM's disk ({@code volumeId} null) or one of its volumes' disks.
   *
   * @throws NotFoundException for a link Federa did not sign, or a disk no longer kept
   */
  @Transactional
  public Download diskByLink(long moveId, Long volumeId, String signature) {
    String signed = MoveWorker.signedPart(moveId, volumeId);
    if (signature == null || !signer.verify(MoveWorker.DISK_LINK, signed, signature)) {
      throw new NotFoundException("disk", moveId);
    }
    VmMove m = em.find(VmMove.class, moveId);
    Path file = MoveFiles.disk(moveId, volumeId);
    if (m == null || m.getState().over() || !Files.isRegularFile(file)) {
      throw new NotFoundException("disk", moveId);
    }
    String sha256 = m.getSha256();
    if (volumeId != null) {
      sha256 =
          em.createQuery(
                  "select v from MoveVolume v where v.moveId = :m and v.volumeId = :v",
                  MoveVolume.class)
              .setParameter("m", moveId)
              .setParameter("v", volumeId)
              .getResultStream()
              .findFirst()
              .map(MoveVolume::getSha256)
              .orElseThrow(() -> new NotFoundException("disk", moveId));
    }
    try {
      return new Download(file, Files.size(file), sha256, file.getFileName().toString());
    } catch (IOException gone) {
      throw new NotFoundException("disk", moveId);
    }
  }

  private VmMove find(long tenantId, long moveId) {
    VmMove m = em.find(VmMove.class, moveId);
    if (m == null || m.getTenantId() != tenantId) {
      throw new NotFoundException("move", moveId);
    }
    return m;
  }

  private VmMove locked(long tenantId, long moveId) {
    VmMove m = em.find(VmMove.class, moveId, LockModeType.PESSIMISTIC_WRITE);
    if (m == null || m.getTenantId() != tenantId) {
      throw new NotFoundException("move", moveId);
    }
    return m;
  }
}
