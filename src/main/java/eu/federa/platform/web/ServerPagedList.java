package eu.federa.platform.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * One page of a list at a time, for a lazy PrimeFaces table: the database does the paging. It keeps
 * no service, only serializable functions that look one up when called, so that it can live in a
 * view-scoped bean.
 */
public class ServerPagedList<T> extends LazyDataModel<T> {

  private static final long serialVersionUID = 1L;

  /** Counts all rows. */
  public interface Counter extends Serializable {
    long count();
  }

  /** Loads rows {@code first} to {@code first + max}. */
  public interface PageLoader<T> extends Serializable {
    List<T> load(int first, int max);
  }

  /** Loads rows {@code first} to {@code first + max}, sorted by a column (null: the default). */
  public interface SortedPageLoader<T> extends Serializable {
    List<T> load(int first, int max, String sortField, boolean descending);
  }

  /** Identifies a row. */
  public interface RowKey<T> extends Serializable {
    Object of(T row);
  }

  private final Counter counter;
  private final SortedPageLoader<T> loader;
  private final RowKey<T> rowKey;

  public ServerPagedList(Counter counter, PageLoader<T> loader, RowKey<T> rowKey) {
    this(counter, (first, max, field, descending) -> loader.load(first, max), rowKey);
  }

  /** A list whose columns sort in the database: the table's sort is handed to the loader. */
  public ServerPagedList(Counter counter, SortedPageLoader<T> loader, RowKey<T> rowKey) {
    this.counter = counter;
    this.loader = loader;
    this.rowKey = rowKey;
  }

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return (int) Math.min(Integer.MAX_VALUE, counter.count());
  }

  @Override
  public List<T> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    SortMeta sort = sortBy == null ? null : sortBy.values().stream().findFirst().orElse(null);
    return loader.load(
        first,
        pageSize,
        sort == null ? null : sort.getField(),
        sort != null && sort.getOrder() == SortOrder.DESCENDING);
  }

  @Override
  public String getRowKey(T row) {
    return String.valueOf(rowKey.of(row));
  }

  @Override
  public T getRowData(String key) {
    return null;
  }
}
