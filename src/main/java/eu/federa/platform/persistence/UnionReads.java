package eu.federa.platform.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a {@link UnionRead} with plain JDBC: in the caller's transaction when there is one (on its
 * connection, after Hibernate wrote what the transaction changed, as a query of Hibernate's would
 * see it), otherwise on a connection of its own in autocommit, with no transaction at all. Plain
 * JDBC because Hibernate reads every column of a native query's every row through its own type
 * machinery (a calendar for each date, NULL or not): most of the resource list's read under load
 * (docs/performance.md, "Tenth pass"). Counted as a statement of the request ({@link
 * QueryCounter}).
 */
@ApplicationScoped
public class UnionReads {

  @Resource(lookup = "java:jboss/datasources/FederaDS")
  DataSource database;

  @PersistenceContext(unitName = "federa")
  EntityManager em;

  @Resource TransactionSynchronizationRegistry transaction;

  public UnionRead.Result run(UnionRead read) {
    if (transaction.getTransactionStatus() == Status.STATUS_ACTIVE) {
      em.flush();
    }
    String sql = read.sql();
    QueryCounter.counted(sql);
    try (Connection connection = database.getConnection()) {
      return read.run(connection, sql);
    } catch (SQLException e) {
      throw new PersistenceException("could not read: " + e.getMessage(), e);
    }
  }
}
