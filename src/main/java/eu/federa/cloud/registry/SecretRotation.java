package eu.federa.cloud.registry;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.security.SecretSeal;
import eu.federa.platform.security.Secrets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At every start, the providers' and tenants' stored secrets that are not sealed with the current
 * key (plain ones from before sealing, or sealed with a key that is being retired) are sealed
 * again. Rows are locked while they change, so nodes starting together do the work once; the old
 * key can leave {@code FEDERA_SECRET_KEYS} once every node has started with the new one first.
 */
@ApplicationScoped
public class SecretRotation {

  private static final Logger LOG = Logger.getLogger(SecretRotation.class.getName());

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject Secrets secrets;
  @Inject SecretRotation self;

  // After the schema is migrated, before the demo federation is loaded.
  void onStart(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 50)
          @Initialized(ApplicationScoped.class)
          Object started) {
    try {
      int count = self.resealAll();
      if (count > 0) {
        LOG.info(() -> count + " stored secrets sealed again with the current key");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Stored secrets could not be sealed: " + e.getMessage(), e);
    }
  }

  /** Seals again what is not sealed with the current key; returns how many values changed. */
  @Transactional
  public int resealAll() {
    SecretSeal seal = secrets.seal();
    int changed = 0;
    List<Row> providers =
        Row.all(em.createNativeQuery("SELECT id, api_secret FROM provider FOR UPDATE"));
    for (Row row : providers) {
      String stored = row.str(1);
      if (!seal.isCurrent(stored)) {
        em.createNativeQuery("UPDATE provider SET api_secret = ?1 WHERE id = ?2")
            .setParameter(1, seal.seal(seal.open(stored)))
            .setParameter(2, row.lng(0))
            .executeUpdate();
        changed++;
      }
    }
    List<Row> accounts =
        Row.all(
            em.createNativeQuery(
                "SELECT provider_id, tenant_id, user_secret FROM provider_tenant_account FOR UPDATE"));
    for (Row row : accounts) {
      String stored = row.str(2);
      if (!seal.isCurrent(stored)) {
        em.createNativeQuery(
                "UPDATE provider_tenant_account SET user_secret = ?1"
                    + " WHERE provider_id = ?2 AND tenant_id = ?3")
            .setParameter(1, seal.seal(seal.open(stored)))
            .setParameter(2, row.lng(0))
            .setParameter(3, row.lng(1))
            .executeUpdate();
        changed++;
      }
    }
    return changed;
  }
}
