package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.platform.validation.ConflictException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlacementRetriesTest {

  private static PersistenceException deadlock() {
    return new PersistenceException(
        "could not execute statement",
        new SQLException("Deadlock found when trying to get lock", "40001", 1213));
  }

  @Test
  void aDeadlockVictimIsRunAgainAndItsSecondRunStands() {
    AtomicInteger runs = new AtomicInteger();
    long id =
        PlacementRetries.placeRetrying(
            () -> {
              if (runs.incrementAndGet() < 3) {
                throw deadlock();
              }
              return 42;
            },
            Optional::empty);
    assertThat(id).isEqualTo(42);
    assertThat(runs).hasValue(3);
  }

  @Test
  void aDeadlockWrappedByTheTransactionIsRecognised() {
    RuntimeException wrapped = new RuntimeException("commit failed", deadlock());
    assertThat(eu.federa.platform.persistence.TransactionConflicts.lostToAnother(wrapped)).isTrue();
    assertThat(
            eu.federa.platform.persistence.TransactionConflicts.lostToAnother(
                new PersistenceException(new SQLException("Duplicate entry", "23000", 1062))))
        .isFalse();
  }

  @Test
  void endlessDeadlocksGiveUpWithAClearMessage() {
    assertThatThrownBy(
            () ->
                PlacementRetries.placeRetrying(
                    () -> {
                      throw deadlock();
                    },
                    Optional::empty))
        .isInstanceOfSatisfying(
            ConflictException.class, e -> assertThat(e.messageKey()).isEqualTo("order.error.busy"));
  }

  @Test
  void aDuplicateKeyMeansTheSameFormWasPlacedByTheOtherAttempt() {
    long id =
        PlacementRetries.placeRetrying(
            () -> {
              throw new PersistenceException(new SQLException("Duplicate entry", "23000", 1062));
            },
            () -> Optional.of(7L));
    assertThat(id).isEqualTo(7);
  }
}
