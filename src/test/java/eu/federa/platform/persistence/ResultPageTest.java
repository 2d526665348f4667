package eu.federa.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.Query;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a paged read asks of its query. Hibernate 6 sizes a query's result list for its limit before
 * reading a row (HHH-19089), so a caller's "all of them" must set no limit at all: as a limit of
 * {@code Integer.MAX_VALUE} it cost each catalog request an array of a million entries.
 */
class ResultPageTest {

  /** A query that notes which limits it was given. */
  private static Query recording(List<String> calls) {
    return (Query)
        Proxy.newProxyInstance(
            Query.class.getClassLoader(),
            new Class<?>[] {Query.class},
            (proxy, method, args) -> {
              calls.add(method.getName() + "(" + args[0] + ")");
              return proxy;
            });
  }

  @Test
  void aPageSetsItsFirstRowAndItsSize() {
    List<String> calls = new ArrayList<>();
    ResultPage.window(recording(calls), 40, 20);
    assertThat(calls).containsExactly("setFirstResult(40)", "setMaxResults(20)");
  }

  @Test
  void allRowsSetNoLimitAndTheFirstPageNoOffset() {
    List<String> calls = new ArrayList<>();
    ResultPage.window(recording(calls), 0, Integer.MAX_VALUE);
    assertThat(calls).isEmpty();
  }

  @Test
  void aNegativeStartOrSizeIsNoStartAndNoRows() {
    List<String> calls = new ArrayList<>();
    ResultPage.window(recording(calls), -5, -1);
    assertThat(calls).containsExactly("setMaxResults(0)");
  }
}
