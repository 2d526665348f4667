package eu.federa.platform.persistence;

import jakarta.persistence.TypedQuery;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list read in the database, and how many rows the whole list has: what a service
 * answers for a table that pages (read with {@code max} 0, only the total).
 */
public record ResultPage<T>(List<T> rows, long total) implements Serializable {

  public ResultPage {
    rows = List.copyOf(rows);
  }

  /**
   * Counts with {@code count}, then reads rows {@code first} to {@code first + max} with {@code
   * rows} (ordered by the caller), each as {@code view} makes it; the rows are not asked for when
   * none are wanted or there are none.
   */
  public static <E, T> ResultPage<T> read(
      TypedQuery<Long> count, TypedQuery<E> rows, int first, int max, Function<E, T> view) {
    long total = count.getSingleResult();
    if (max <= 0 || total == 0) {
      return new ResultPage<>(List.of(), total);
    }
    return new ResultPage<>(
        rows.setFirstResult(Math.max(0, first))
            .setMaxResults(max)
            .getResultStream()
            .map(view)
            .toList(),
        total);
  }
}
