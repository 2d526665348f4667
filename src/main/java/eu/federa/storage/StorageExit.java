package eu.federa.storage;

import eu.federa.audit.AuditAction;
import eu.federa.audit.AuditDetail;
import eu.federa.audit.AuditLog;
import eu.federa.audit.AuditTarget;
import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import eu.federa.platform.exit.TenantWorkloads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A leaving tenant's volumes and backups: deleted by the storage workers like a user's deletion
 * (the provider's image goes, the quota comes back, metering ends); a volume still on a VM is
 * deleted once its VM has ended and let it go. At the erasure, the schedules and the rows of what
 * was deleted go too: they hold no personal data, and nothing is kept of them.
 */
@ApplicationScoped
public class StorageExit {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject Snapshots snapshots;

  /** Ends the tenant's volumes and backups. */
  @ApplicationScoped
  public static class Workloads implements TenantWorkloads {
    @Inject StorageExit exit;

    @Override
    public String name() {
      return "volumes and backups";
    }

    @Override
    public int endAll(long tenantId) {
      return exit.endAll(tenantId);
    }
  }

  /** Erases the storage rows of the tenant. */
  @ApplicationScoped
  public static class Erasure implements TenantErasure {
    @Inject StorageExit exit;

    @Override
    public int order() {
      return 30;
    }

    @Override
    public List<Erased> erase(ErasureContext context) {
      return exit.erase(context);
    }
  }

  /** Asks every volume and backup of the tenant to be deleted; how many are not gone yet. */
  @Transactional
  public int endAll(long tenantId) {
    Instant now = clock.instant();
    List<Volume> volumes =
        em.createQuery(
                "select v from Volume v where v.tenantId = :t and v.state not in :ended"
                    + " order by v.id",
                Volume.class)
            .setParameter("t", tenantId)
            .setParameter("ended", List.of(VolumeState.DELETED, VolumeState.FAILED))
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    for (Volume v : volumes) {
      if (v.getState() == VolumeState.AVAILABLE && !snapshots.busyWith(v.getId())) {
        v.delete(now);
        audit.bySystem(
            AuditAction.VOLUME_DELETED,
            tenantId,
            AuditTarget.Kind.VOLUME.of(v.getId()),
            AuditDetail.ORGANISATION_LEFT.text());
      }
    }
    List<Backup> backups =
        em.createQuery(
                "select b from Backup b where b.tenantId = :t and b.state not in :ended"
                    + " order by b.id",
                Backup.class)
            .setParameter("t", tenantId)
            .setParameter("ended", List.of(BackupState.DELETED, BackupState.FAILED))
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    for (Backup b : backups) {
      if (b.getState() == BackupState.READY) {
        b.delete(now);
        audit.bySystem(
            AuditAction.BACKUP_DELETED,
            tenantId,
            AuditTarget.Kind.BACKUP.of(b.getId()),
            AuditDetail.ORGANISATION_LEFT.text());
      }
    }
    return volumes.size() + backups.size();
  }

  /** Deletes the rows of the tenant's ended volumes, snapshots and backups, and its schedules. */
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    long t = context.tenantId();
    long schedules =
        em.createNativeQuery("DELETE FROM backup_schedule WHERE tenant_id = ?1")
            .setParameter(1, t)
            .executeUpdate();
    long snapshotRows =
        em.createNativeQuery(
                "DELETE FROM disk_snapshot WHERE tenant_id = ?1 AND state IN ('DELETED', 'FAILED')")
            .setParameter(1, t)
            .executeUpdate();
    long backupRows =
        em.createNativeQuery(
                "DELETE FROM vm_backup WHERE tenant_id = ?1 AND state IN ('DELETED', 'FAILED')")
            .setParameter(1, t)
            .executeUpdate();
    long volumeRows =
        em.createNativeQuery(
                "DELETE FROM volume WHERE tenant_id = ?1 AND state IN ('DELETED', 'FAILED')")
            .setParameter(1, t)
            .executeUpdate();
    return List.of(
        Erased.deleted("backup schedules", schedules),
        Erased.deleted("disk snapshots (records)", snapshotRows),
        Erased.deleted("backups (records)", backupRows),
        Erased.deleted("volumes (records)", volumeRows));
  }
}
