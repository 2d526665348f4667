package eu.federa.provisioning;

import eu.federa.catalog.ModelUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Answers the catalog's {@link ModelUsage} from the AI services ordered. */
@ApplicationScoped
public class AiModelUsage implements ModelUsage {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Override
  public long servicesUsing(String modelCode) {
    return em.createQuery("select count(s) from AiService s where s.modelCode = :m", Long.class)
        .setParameter("m", modelCode)
        .getSingleResult();
  }
}
