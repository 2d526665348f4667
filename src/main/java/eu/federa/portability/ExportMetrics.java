package eu.federa.portability;

import eu.federa.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Export bundles being made, queued or under way ({@code federa_exports_in_progress}): the
 * database's number, read again every few seconds by the export worker, never by the scrape.
 */
@ApplicationScoped
public class ExportMetrics {

  @Inject Meters meters;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  private final AtomicLong inProgress = new AtomicLong();

  /** Registered as the portal starts: a scrape finds them from the first. */
  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    meters.gauge("federa.exports.in.progress", inProgress, AtomicLong::get);
  }

  /** Reads the number again from the database. */
  @Transactional
  public void read() {
    Number n =
        (Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM data_export WHERE state IN ('QUEUED', 'RUNNING')")
                .getSingleResult();
    inProgress.set(n.longValue());
  }
}
