package eu.federa.moves;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

/** Which failures of a move's step are the database's passing refusals, taken again. */
class MoveWorkerTest {

  @Test
  void aDeadlockAtAStatementOrAtTheCommitIsTakenAgain() {
    Exception atStatement =
        new jakarta.persistence.PersistenceException(
            new RuntimeException(
                new SQLTransactionRollbackException("Deadlock found when trying to get lock")));
    assertThat(MoveWorker.transientFailure(atStatement)).isTrue();
    assertThat(
            MoveWorker.transientFailure(
                new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit")))
        .isTrue();
    assertThat(
            MoveWorker.transientFailure(
                new jakarta.persistence.LockTimeoutException("Lock wait timeout exceeded")))
        .isTrue();
  }

  @Test
  void anyOtherFailureIsNot() {
    assertThat(MoveWorker.transientFailure(new IllegalStateException("Order 7 is FAILED")))
        .isFalse();
    assertThat(
            MoveWorker.transientFailure(
                new jakarta.persistence.PersistenceException(
                    new java.sql.SQLIntegrityConstraintViolationException("Duplicate entry"))))
        .isFalse();
  }
}
