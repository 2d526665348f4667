package eu.federa.billing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * Every provider's price lists, read in the caller's transaction (which may have changed them), or
 * in one of their own for a caller outside any: the resource list's costs so far are rated outside
 * a transaction when the node reads the lists again.
 */
@ApplicationScoped
class PriceListReader {

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Transactional
  public Map<Long, List<PriceList>> all() {
    return Map.copyOf(em.unwrap(Session.class).doReturningWork(PriceLists::all));
  }
}
