package eu.federa.storage;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditLog;
import eu.federa.platform.config.Setting;
import eu.federa.platform.security.NotFoundException;
import eu.federa.platform.validation.ConflictException;
import eu.federa.platform.validation.FieldError;
import eu.federa.platform.validation.InvalidInputException;
import eu.federa.platform.validation.TextRules;
import eu.federa.quota.QuotaReservations;
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
   * @throws ConflictException while another backup of the VM is being made
   */
  @Transactional
  public BackupView take(VmTarget vm, String name) {
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
    Backup b = new Backup(vm, name.trim(), false, clock.instant());
    em.persist(b);
    em.flush();
    audit.success(
        AuditAction.BACKUP_TAKEN,
        vm.tenantId(),
        "backup " + b.getId(),
        b.getName() + " of VM " + vm.vmName());
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
  public Optional<Instant> schedule(VmTarget vm, int keep) {
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
          AuditAction.BACKUP_SCHEDULED, vm.tenantId(), "order " + vm.orderId(), "daily: off");
      return Optional.empty();
    }
    BackupSchedule schedule =
        current.orElseGet(
            () -> {
              BackupSchedule s =
                  new BackupSchedule(
                      vm, keep, nextRun(now, Setting.BACKUP_HOUR_UTC.intValue()), now);
              em.persist(s);
              return s;
            });
    schedule.keep(keep);
    rotate(vm.orderId(), keep, now);
    audit.success(
        AuditAction.BACKUP_SCHEDULED,
        vm.tenantId(),
        "order " + vm.orderId(),
        "daily, keep " + keep);
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
        "backup " + backupId,
        b.getName() + " of VM " + b.getVmName());
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
        "backup " + source.backupId(),
        source.name() + " of VM " + source.vmName() + " into order " + orderId);
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
    access.require(tenantId, TenantPermission.VIEW);
    return em.createQuery(
            "select b from Backup b where b.tenantId = :t and b.state <> :deleted"
                + " order by b.createdAt desc, b.id desc",
            Backup.class)
        .setParameter("t", tenantId)
        .setParameter("deleted", BackupState.DELETED)
        .getResultStream()
        .map(BackupView::of)
        .toList();
  }

  /** The VM ended: its daily backups end; its backups stay. In the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void vmEnded(long orderId) {
    scheduleOf(orderId).ifPresent(em::remove);
  }

  /**
   * Makes the scheduled backups due now (on any node: each due schedule is taken with SKIP LOCKED),
   * one per VM unless one is being made already, and moves each schedule a day on.
   *
   * @return how many backups were started
   */
  @Transactional
  public int runDue(int max) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM backup_schedule WHERE next_run_at <= ?1 ORDER BY next_run_at"
                    + " LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    int started = 0;
    for (Number id : ids) {
      BackupSchedule s = em.find(BackupSchedule.class, id.longValue());
      s.ran(now);
      if (inProgress(s.getOrderId())) {
        continue; // a backup being made now serves as today's
      }
      Backup b = new Backup(s.target(), "daily " + now.toString().substring(0, 10), true, now);
      em.persist(b);
      started++;
    }
    return started;
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
