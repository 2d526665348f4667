package eu.federa.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
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

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  /**
   * The revision now. Outside a transaction it reads without one (one statement needs none), inside
   * one it reads in it.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long current() {
    return ((Number)
            em.createNativeQuery("SELECT revision FROM reference_revision WHERE id = 1")
                .getSingleResult())
        .longValue();
  }
}
