package eu.federa.storage;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.config.Setting;
import eu.federa.platform.persistence.ResultPage;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.text.Reason;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import eu.federa.quota.QuotaReservations;
import eu.federa.quota.Usage;
import eu.federa.tenancy.TenantAccess;
import eu.federa.tenancy.TenantPermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Backups of VMs: made on demand or daily (keeping the last N), deleted, and read for a restore.
 * The caller (provisioning) has checked the VM and that its provider keeps backups; the provider's
 * part is the {@link BackupWorker}'s. Backups outlive their VM: only its schedule ends with it.
 */
@ApplicationScoped
public class Backups {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject TenantAccess access;
  @Inject QuotaReservations quota;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** What a restore needs of a ready backup. */
  public record Source(
      long backupId,
      long orderId,
      Long projectId,
      String vmName,
      String name,
      long providerId,
      String providerName,
      int imageId) {}

  /**
   * A backup of the VM, made by the worker.
   *
   * @throws InvalidInputException for a bad name, or one the VM's backups use already
   * @param diskGib what the VM's disks hold: reserved in the disk quota until the backup is made
   * @throws ConflictException while another backup of the VM is being made
   * @throws eu.federa.quota.QuotaExceededException when the disk quota does not allow it
   */
  @Transactional
  public BackupView take(VmTarget vm, String name, int diskGib) {
    // The tenant's lock makes "one backup of a VM at a time" hold against a racing request.
    quota.lockTenant(vm.tenantId());
    access.require(vm.tenantId(), TenantPermission.ORDER);
    List<FieldError> errors = new ArrayList<>();
    TextRules.length(errors, "backupName", name, 1, 63);
    if (errors.isEmpty() && nameTaken(vm.orderId(), name.trim())) {
      errors.add(FieldError.of("backupName", "backup.error.nameTaken", name.trim()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (inProgress(vm.orderId())) {
      throw new ConflictException("backup.error.busy", vm.vmName());
    }
    Backup b = new Backup(vm, name.trim(), false, diskGib, clock.instant());
    em.persist(b);
    em.flush();
    quota.reserve(vm.tenantId(), vm.projectId(), null, b.quotaRef(), disk(diskGib));
    audit.success(
        AuditAction.BACKUP_TAKEN,
        vm.tenantId(),
        AuditTarget.Kind.BACKUP.of(b.getId()),
        AuditDetail.OF_VM.text(b.getName(), vm.vmName()));
    return BackupView.of(b);
  }

  /**
   * The VM's daily backups: {@code keep} of them are kept (0: no daily backups). The first is made
   * at the next {@code FEDERA_BACKUP_HOUR_UTC}; lowering {@code keep} deletes the oldest scheduled
   * backups beyond it.
   *
   * @throws InvalidInputException when {@code keep} is not 0 to {@link BackupSchedule#MAX_KEEP}
   */
  @Transactional
  public Optional<Instant> schedule(VmTarget vm, int keep, int diskGib) {
    quota.lockTenant(vm.tenantId());
    access.require(vm.tenantId(), TenantPermission.ORDER);
    if (keep < 0 || keep > BackupSchedule.MAX_KEEP) {
      throw new InvalidInputException(
          FieldError.of("backupKeep", "backup.error.keep", BackupSchedule.MAX_KEEP));
    }
    Instant now = clock.instant();
    Optional<BackupSchedule> current = scheduleOf(vm.orderId());
    if (keep == 0) {
      current.ifPresent(em::remove);
      audit.success(
          AuditAction.BACKUP_SCHEDULED,
          vm.tenantId(),
          AuditTarget.Kind.ORDER.of(vm.orderId()),
          AuditDetail.DAILY_OFF.text());
      return Optional.empty();
    }
    BackupSchedule schedule =
        current.orElseGet(
            () -> {
              BackupSchedule s =
                  new BackupSchedule(
                      vm, keep, diskGib, nextRun(now, Setting.BACKUP_HOUR_UTC.intValue()), now);
              em.persist(s);
              return s;
            });
    schedule.keep(keep, diskGib);
    rotate(vm.orderId(), keep, now);
    audit.success(
        AuditAction.BACKUP_SCHEDULED,
        vm.tenantId(),
        AuditTarget.Kind.ORDER.of(vm.orderId()),
        AuditDetail.DAILY_KEEP.text(keep));
    return Optional.of(schedule.getNextRunAt());
  }

  /** The next {@code hour}:00 UTC after {@code now}. */
  static Instant nextRun(Instant now, int hour) {
    ZonedDateTime at = now.atZone(ZoneOffset.UTC).withHour(hour).withMinute(0).withSecond(0);
    at = at.withNano(0);
    return at.toInstant().isAfter(now) ? at.toInstant() : at.plusDays(1).toInstant();
  }

  /** How many daily backups the VM keeps, 0 when it has no schedule, and when the next is due. */
  @Transactional
  public Optional<BackupSchedule> scheduleOf(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return scheduleOf(orderId, LockModeType.NONE).filter(s -> s.getTenantId() == tenantId);
  }

  private Optional<BackupSchedule> scheduleOf(long orderId) {
    return scheduleOf(orderId, LockModeType.PESSIMISTIC_WRITE);
  }

  private Optional<BackupSchedule> scheduleOf(long orderId, LockModeType lock) {
    return em.createQuery(
            "select s from BackupSchedule s where s.orderId = :o", BackupSchedule.class)
        .setParameter("o", orderId)
        .setLockMode(lock)
        .getResultStream()
        .findFirst();
  }

  /**
   * How many scheduled backups the VM keeps, when it has a schedule. In the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Integer> keepOf(long orderId) {
    return scheduleOf(orderId).map(BackupSchedule::getKeepCount);
  }

  /**
   * The oldest scheduled backups of the VM beyond the {@code keep} newest ready ones are deleted.
   * In the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void rotate(long orderId, int keep, Instant now) {
    List<Backup> ready =
        em.createQuery(
                "select b from Backup b where b.orderId = :o and b.scheduled = true"
                    + " and b.state = :ready order by b.createdAt desc, b.id desc",
                Backup.class)
            .setParameter("o", orderId)
            .setParameter("ready", BackupState.READY)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    for (int i = keep; i < ready.size(); i++) {
      ready.get(i).rotatedOut(now);
    }
  }

  /**
   * Deletes a ready backup.
   *
   * @throws NotFoundException when it is not a backup of the tenant
   * @throws ConflictException when it is not ready
   */
  @Transactional
  public BackupView delete(long tenantId, long backupId) {
    access.require(tenantId, TenantPermission.ORDER);
    Backup b = locked(tenantId, backupId);
    b.delete(clock.instant());
    audit.success(
        AuditAction.BACKUP_DELETED,
        tenantId,
        AuditTarget.Kind.BACKUP.of(backupId),
        AuditDetail.OF_VM.text(b.getName(), b.getVmName()));
    return BackupView.of(b);
  }

  /**
   * A ready backup of the tenant, for a restore.
   *
   * @throws NotFoundException when it is not a backup of the tenant
   * @throws ConflictException when it is not ready
   */
  @Transactional
  public Source source(long tenantId, long backupId) {
    access.require(tenantId, TenantPermission.ORDER);
    Backup b = locked(tenantId, backupId);
    b.requireReady();
    return new Source(
        b.getId(),
        b.getOrderId(),
        b.getProjectId(),
        b.getVmName(),
        b.getName(),
        b.getProviderId(),
        b.getProviderName(),
        b.getOneImageId());
  }

  /** The backup was restored into the new VM of order {@code orderId}: recorded in the audit. */
  @Transactional
  public void restored(long tenantId, Source source, long orderId) {
    audit.success(
        AuditAction.BACKUP_RESTORED,
        tenantId,
        AuditTarget.Kind.BACKUP.of(source.backupId()),
        AuditDetail.BACKUP_INTO_ORDER.text(source.name(), source.vmName(), orderId));
  }

  /** One backup of the tenant. */
  @Transactional
  public BackupView backup(long tenantId, long backupId) {
    access.require(tenantId, TenantPermission.VIEW);
    Backup b = em.find(Backup.class, backupId);
    if (b == null || b.getTenantId() != tenantId || b.getState() == BackupState.DELETED) {
      throw new NotFoundException("backup", backupId);
    }
    return BackupView.of(b);
  }

  /** The VM's backups (all but deleted ones), newest first. */
  @Transactional
  public List<BackupView> ofVm(long tenantId, long orderId) {
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select b from Backup b where b.tenantId = :t and b.orderId = :o"
                + " and b.state <> :deleted order by b.createdAt desc, b.id desc",
            Backup.class)
        .setParameter("t", tenantId)
        .setParameter("o", orderId)
        .setParameter("deleted", BackupState.DELETED)
        .getResultStream()
        .map(BackupView::of)
        .toList();
  }

  /** The tenant's backups (all but deleted ones), of VMs that run or ended, newest first. */
  @Transactional
  public List<BackupView> list(long tenantId) {
    return page(tenantId, 0, Integer.MAX_VALUE).rows();
  }

  /** One page of {@link #list}, read in the database, with how many there are. */
  @Transactional
  public ResultPage<BackupView> page(long tenantId, int first, int max) {
    access.require(tenantId, TenantPermission.VIEW);
    String where = " from Backup b where b.tenantId = :t and b.state <> :deleted";
    return ResultPage.read(
        em.createQuery("select count(b)" + where, Long.class)
            .setParameter("t", tenantId)
            .setParameter("deleted", BackupState.DELETED),
        em.createQuery("select b" + where + " order by b.createdAt desc, b.id desc", Backup.class)
            .setParameter("t", tenantId)
            .setParameter("deleted", BackupState.DELETED),
        first,
        max,
        BackupView::of);
  }

  /** Whether one of the tenant's backups is being taken or deleted. */
  @Transactional
  public boolean anyInProgress(long tenantId) {
    access.require(tenantId, TenantPermission.VIEW);
    return !em.createQuery(
            "select b.id from Backup b where b.tenantId = :t and b.state in :moving", Long.class)
        .setParameter("t", tenantId)
        .setParameter(
            "moving", Arrays.stream(BackupState.values()).filter(BackupState::inProgress).toList())
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** The VM ended: its daily backups end; its backups stay. In the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void vmEnded(long orderId) {
    scheduleOf(orderId).ifPresent(em::remove);
  }

  /** A daily schedule that is due: which, and whose. */
  public record Due(long scheduleId, long tenantId) {}

  /** Up to {@code max} daily schedules due now, the longest due first (read without a lock). */
  @Transactional
  public List<Due> due(int max) {
    return em.createQuery(
            "select s from BackupSchedule s where s.nextRunAt <= :now order by s.nextRunAt",
            BackupSchedule.class)
        .setParameter("now", clock.instant())
        .setMaxResults(max)
        .getResultStream()
        .map(s -> new Due(s.getId(), s.getTenantId()))
        .toList();
  }

  /**
   * Starts a due daily backup, on any node: the schedule is taken with SKIP LOCKED (a node that
   * finds it taken or no longer due does nothing) and moved a day on. A backup being made already
   * serves as today's; one the disk quota has no room for is recorded as failed, with why.
   *
   * @return whether a backup was started
   */
  @Transactional
  public boolean startDaily(Due due) {
    // The tenant's lock first: the quota is checked under it, and it orders this with schedule().
    quota.lockTenant(due.tenantId());
    Instant now = clock.instant();
    List<?> taken =
        em.createNativeQuery(
                "SELECT id FROM backup_schedule WHERE id = ?1 AND next_run_at <= ?2"
                    + " FOR UPDATE SKIP LOCKED")
            .setParameter(1, due.scheduleId())
            .setParameter(2, now)
            .getResultList();
    if (taken.isEmpty()) {
      return false;
    }
    BackupSchedule s = em.find(BackupSchedule.class, due.scheduleId());
    s.ran(now);
    if (inProgress(s.getOrderId())) {
      return false;
    }
    VmTarget vm = s.target();
    String name = "daily " + now.toString().substring(0, 16).replace('T', ' ');
    Backup b = new Backup(vm, name, true, s.getDiskGib(), now);
    em.persist(b);
    em.flush();
    if (quota.fits(vm.tenantId(), vm.projectId(), disk(s.getDiskGib()))) {
      quota.reserve(vm.tenantId(), vm.projectId(), null, b.quotaRef(), disk(s.getDiskGib()));
      return true;
    }
    b.failed(Reason.keyed("backup.reason.quota", vm.vmName(), s.getDiskGib()), now);
    return false;
  }

  private static Usage disk(int gib) {
    return new Usage(0, 0, 0, 0, gib, 0);
  }

  /** What the tenant's backups should hold in the disk quota, for a recount. */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<QuotaReservations.Held> held(long tenantId) {
    return em.createQuery(
            "select b from Backup b where b.tenantId = :t and b.state not in :ended", Backup.class)
        .setParameter("t", tenantId)
        .setParameter("ended", List.of(BackupState.DELETED, BackupState.FAILED))
        .getResultStream()
        .map(
            b ->
                new QuotaReservations.Held(
                    b.quotaRef(),
                    b.getProjectId(),
                    null,
                    b.getState() != BackupState.CREATING,
                    disk(
                        b.getState() == BackupState.CREATING
                            ? b.getQuotaGib()
                            : Math.min(b.getQuotaGib(), b.billedGib()))))
        .toList();
  }

  private boolean inProgress(long orderId) {
    return em.createQuery(
                "select count(b) from Backup b where b.orderId = :o and b.state = :creating",
                Long.class)
            .setParameter("o", orderId)
            .setParameter("creating", BackupState.CREATING)
            .getSingleResult()
        > 0;
  }

  private boolean nameTaken(long orderId, String name) {
    return em.createQuery(
                "select count(b) from Backup b where b.orderId = :o and b.name = :n"
                    + " and b.state not in :ended",
                Long.class)
            .setParameter("o", orderId)
            .setParameter("n", name)
            .setParameter("ended", List.of(BackupState.DELETED, BackupState.FAILED))
            .getSingleResult()
        > 0;
  }

  private Backup locked(long tenantId, long backupId) {
    Backup b = em.find(Backup.class, backupId, LockModeType.PESSIMISTIC_WRITE);
    if (b == null || b.getTenantId() != tenantId || b.getState() == BackupState.DELETED) {
      throw new NotFoundException("backup", backupId);
    }
    return b;
  }
}
