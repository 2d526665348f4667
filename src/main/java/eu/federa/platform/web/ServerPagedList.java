package eu.federa.platform.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

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

  /** Identifies a row. */
  public interface RowKey<T> extends Serializable {
    Object of(T row);
  }

  private final Counter counter;
  private final PageLoader<T> loader;
  private final RowKey<T> rowKey;

  public ServerPagedList(Counter counter, PageLoader<T> loader, RowKey<T> rowKey) {
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
    return loader.load(first, pageSize);
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
