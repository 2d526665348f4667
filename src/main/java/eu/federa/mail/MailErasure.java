package eu.federa.mail;

import eu.federa.platform.exit.Erased;
import eu.federa.platform.exit.ErasureContext;
import eu.federa.platform.exit.TenantErasure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The messages sent to a leaving tenant's people (addresses and contents), deleted. */
@ApplicationScoped
public class MailErasure implements TenantErasure {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public int order() {
    return 60;
  }

  @Override
  @Transactional
  public List<Erased> erase(ErasureContext context) {
    return List.of(
        Erased.deleted(
            "messages sent to its people",
            em.createNativeQuery("DELETE FROM outbox_message WHERE tenant_id = ?1")
                .setParameter(1, context.tenantId())
                .executeUpdate()));
  }
}
