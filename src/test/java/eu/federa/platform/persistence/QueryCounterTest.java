package eu.federa.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class QueryCounterTest {

  private final QueryCounter inspector = new QueryCounter();

  @Test
  void countsTheStatementsOfItsOwnThreadBetweenStartAndStop() throws Exception {
    QueryCounter.start();
    assertThat(inspector.inspect("select 1")).isEqualTo("select 1");
    inspector.inspect("select 2");
    // Another thread's statements are not this request's.
    CompletableFuture.runAsync(() -> inspector.inspect("select 3")).get();
    assertThat(QueryCounter.stop()).isEqualTo(2);
    // Stopped: nothing is counted until the next start.
    inspector.inspect("select 4");
    assertThat(QueryCounter.stop()).isZero();
  }
}
