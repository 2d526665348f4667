package eu.federa.ai;

import eu.federa.billing.KeyLabels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;

/** The names billing shows for a tenant's API keys: name and prefix (revoked ones too). */
@ApplicationScoped
public class AiKeyLabels implements KeyLabels {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  @Transactional
  public Map<Long, String> labels(long tenantId) {
    Map<Long, String> labels = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "select k.id, k.name, k.keyPrefix from ApiKey k where k.tenantId = :t",
                Object[].class)
            .setParameter("t", tenantId)
            .getResultList()) {
      labels.put((Long) row[0], row[1] + " (" + row[2] + "…)");
    }
    return labels;
  }
}
