package eu.federa.storage;

import eu.federa.platform.export.BundleWriter;
import eu.federa.platform.export.ExportScope;
import eu.federa.platform.export.TenantDataSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;

/**
 * A tenant's volumes, disk snapshots and backups in its export bundle: where each is, its size and
 * state, deleted ones included (their history is part of what was billed).
 */
@ApplicationScoped
public class StorageExport implements TenantDataSection {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public String name() {
    return "storage";
  }

  @Override
  public void write(ExportScope scope, BundleWriter bundle) throws IOException {
    long tenantId = scope.tenantId();
    Long project = scope.projectId();
    bundle.items(
        "volumes.json",
        "volumes",
        em.createQuery(
                "select v from Volume v where v.tenantId = :t"
                    + " and (:p is null or v.projectId = :p) order by v.id",
                Volume.class)
            .setParameter("t", tenantId)
            .setParameter("p", project)
            .getResultStream()
            .map(VolumeView::of));
    bundle.items(
        "snapshots.json",
        "snapshots",
        em.createQuery(
                "select s from Snapshot s where s.tenantId = :t"
                    + " and (:p is null or s.projectId = :p) order by s.id",
                Snapshot.class)
            .setParameter("t", tenantId)
            .setParameter("p", project)
            .getResultStream()
            .map(SnapshotView::of));
    bundle.items(
        "backups.json",
        "backups",
        em.createQuery(
                "select b from Backup b where b.tenantId = :t"
                    + " and (:p is null or b.projectId = :p) order by b.id",
                Backup.class)
            .setParameter("t", tenantId)
            .setParameter("p", project)
            .getResultStream()
            .map(BackupView::of));
  }
}
