package eu.federa.platform.persistence;

import jakarta.persistence.EntityManager;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * A page's one call that only reads (the dashboard's cards, the team page, the catalog): the
 * entities its transaction loads are read-only (Hibernate keeps no copy of each to compare at
 * commit) and nothing is flushed (not before each native query, not at commit). A call marked so
 * must write nothing: a change to an entity it loaded, or a new one, would not be saved. It runs in
 * a transaction of its own ({@code REQUIRES_NEW}), so that it never marks one a caller writes in.
 */
public final class ReadOnlyCalls {

  private ReadOnlyCalls() {}

  /** Marks the persistence context of the caller's transaction (call it first in the call). */
  public static void mark(EntityManager em) {
    Session session = em.unwrap(Session.class);
    session.setDefaultReadOnly(true);
    session.setHibernateFlushMode(FlushMode.MANUAL);
  }

  /**
   * Whether the caller's transaction is a read-only call's: it changed nothing and sees only what
   * others committed, so what it reads may be answered from what the request or the node already
   * read (the caller's memberships, the price lists).
   */
  public static boolean marked(EntityManager em) {
    return em.unwrap(Session.class).isDefaultReadOnly();
  }
}
