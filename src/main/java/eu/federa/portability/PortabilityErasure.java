package eu.federa.portability;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import eu.federa.platform.persistence.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * A leaving tenant's export bundles: their files deleted (the retrieval window is over), their rows
 * kept as expired without who asked. The exit's own rows (request, erasure items, record) stay: the
 * record is what the former admins keep.
 */
@ApplicationScoped
public class PortabilityErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 90;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    long files = 0;
    for (Row r :
        Row.all(
            em.createNativeQuery("SELECT id FROM data_export WHERE tenant_id = ?1")
                .setParameter(1, context.tenantId()))) {
      try {
        if (Files.deleteIfExists(ExportFiles.bundle(r.lng(0)))) {
          files++;
        }
        files += ExportFiles.deleteDisks(r.lng(0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    long rows =
        em.createNativeQuery(
                "UPDATE data_export SET state = 'EXPIRED', active_tenant_id = NULL,"
                    + " requested_by = 'erased', expires_at = COALESCE(expires_at, ?2)"
                    + " WHERE tenant_id = ?1")
            .setParameter(1, context.tenantId())
            .setParameter(2, context.at())
            .executeUpdate();
    em.createNativeQuery(
            "UPDATE exit_request SET requested_by = 'erased', ended_by = 'system',"
                + " justified_by = CASE WHEN justified_by IS NULL THEN NULL ELSE 'platform admin'"
                + " END WHERE tenant_id = ?1")
        .setParameter(1, context.tenantId())
        .executeUpdate();
    return List.of(
        Erased.deleted("export bundles and their disk copies (files)", files),
        Erased.pseudonymised("export bundles (records: who asked)", rows));
  }
}
