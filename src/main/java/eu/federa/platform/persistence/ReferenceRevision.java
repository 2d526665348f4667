package eu.federa.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The revision of the reference data every signed-in user sees alike (the catalog's images, sizes
 * and offers, the providers, the price lists): a number the database's triggers raise with every
 * change of those tables (migration V74), whoever makes it. What a node keeps of that data it keeps
 * with the revision it read it at ({@link RevisionCache}), and reads it again once the revision
 * moved: one statement instead of the data's own reads, and never older than the database.
 */
@ApplicationScoped
public class ReferenceRevision {

  /**
   * The revision's read, for a statement that reads it with other things (a request's first, with
   * the account and the memberships: {@link RequestRevision}). One row, one column.
   */
  public static final String SELECT = "SELECT revision FROM reference_revision WHERE id = 1";

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Inject RequestRevision request;

  /**
   * The revision as this request read it with its first statement, or read now: outside a
   * transaction without one (one statement needs none), inside one in it. Whatever a request keeps
   * is then at most as old as the request (a change committed meanwhile shows from the next on).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long current() {
    Long seen;
    try {
      seen = request.seen();
    } catch (ContextNotActiveException e) {
      seen = null;
    }
    if (seen != null) {
      return seen;
    }
    return ((Number) em.createNativeQuery(SELECT).getSingleResult()).longValue();
  }
}
