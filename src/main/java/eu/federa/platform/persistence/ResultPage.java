package eu.federa.platform.persistence;

import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    return new ResultPage<>(window(rows, first, max).getResultStream().map(view).toList(), total);
  }

  /**
   * Asks the query for rows {@code first} to {@code first + max} of its order; {@code max} {@link
   * Integer#MAX_VALUE} (a caller's "all of them") sets no limit at all. Hibernate 6 sizes a query's
   * result list for its limit up front (up to a million entries, HHH-19089): a limit of "all" cost
   * every catalog request an 8 MB array, and the node its garbage collector under load
   * (docs/performance.md, "Pages under load"). Every paged read goes through here.
   */
  public static <Q extends Query> Q window(Q query, int first, int max) {
    if (first > 0) {
      query.setFirstResult(first);
    }
    if (max < Integer.MAX_VALUE) {
      query.setMaxResults(Math.max(0, max));
    }
    return query;
  }

  /**
   * Like {@link #read}, for rows fetched with a collection (a fetch join would have the page cut in
   * memory): counts with {@code count}, reads the page's ids with {@code ids} (ordered by the
   * caller), then the rows with those ids with {@code fetch}, answered in the ids' order.
   */
  public static <E> ResultPage<E> readByIds(
      TypedQuery<Long> count,
      TypedQuery<Long> ids,
      int first,
      int max,
      Function<List<Long>, List<E>> fetch,
      Function<E, Long> idOf) {
    ResultPage<Long> page = read(count, ids, first, max, id -> id);
    if (page.rows().isEmpty()) {
      return new ResultPage<>(List.of(), page.total());
    }
    Map<Long, E> byId =
        fetch.apply(page.rows()).stream().collect(Collectors.toMap(idOf, e -> e, (a, b) -> a));
    return new ResultPage<>(
        page.rows().stream().map(byId::get).filter(java.util.Objects::nonNull).toList(),
        page.total());
  }
}
