package eu.federa.platform.web;

import eu.federa.platform.persistence.ResultPage;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /**
   * Reads rows {@code first} to {@code first + max} (sorted by a column, null: the default) and the
   * list's total, in one call.
   */
  public interface PageReader<T> extends Serializable {
    ResultPage<T> read(int first, int max, String sortField, boolean descending);
  }

  /** Reads a page and the total from a service, looked up when a page is wanted. */
  public interface ServicePage<S, T> extends Serializable {
    ResultPage<T> read(S service, int first, int max);
  }

  /** What identifies the request being answered (the Faces context of the request). */
  interface RequestMarker extends Serializable {
    Object current();
  }

  /** Identifies a row. */
  public interface RowKey<T> extends Serializable {
    Object of(T row);
  }

  private final Counter counter;
  private final SortedPageLoader<T> loader;
  private final PageReader<T> reader;
  private final RowKey<T> rowKey;
  private final RequestMarker request;

  /** The page a reader-backed list expects to be asked for next: the one asked for last. */
  private int expectedFirst;

  private int expectedMax;
  private String expectedSort;
  private boolean expectedDescending;

  /** The page {@link #count} read, for the {@link #load} of the same request that follows it. */
  private transient ResultPage<T> counted;

  private transient Object countedIn;

  /** The first page, read by the page's one call before the table asked ({@link #startingWith}). */
  private transient ResultPage<T> preread;

  private transient Object prereadIn;

  public ServerPagedList(Counter counter, PageLoader<T> loader, RowKey<T> rowKey) {
    this(counter, (first, max, field, descending) -> loader.load(first, max), rowKey);
  }

  /** A list whose columns sort in the database: the table's sort is handed to the loader. */
  public ServerPagedList(Counter counter, SortedPageLoader<T> loader, RowKey<T> rowKey) {
    this.counter = counter;
    this.loader = loader;
    this.reader = null;
    this.rowKey = rowKey;
    this.request = null;
  }

  ServerPagedList(PageReader<T> reader, int rows, RowKey<T> rowKey, RequestMarker request) {
    this.counter = null;
    this.loader = null;
    this.reader = reader;
    this.rowKey = rowKey;
    this.request = request;
    this.expectedMax = rows;
  }

  /**
   * A list read a page and its total at a time. A table asks for the total first and then for the
   * page: the total is read with the page the table asked for last (at first {@code rows} from the
   * top, unsorted), and that page is answered without asking again when the table then wants it, so
   * that a table's render costs one call; a different page is read anew.
   */
  public static <T> ServerPagedList<T> of(PageReader<T> reader, int rows, RowKey<T> rowKey) {
    return new ServerPagedList<>(reader, rows, rowKey, FacesContext::getCurrentInstance);
  }

  /**
   * {@link #of(PageReader, int, RowKey)} for a list read, unsorted, from the application-scoped
   * {@code service} (looked up when a page is wanted, so that the list can live in a view).
   */
  public static <S, T> ServerPagedList<T> of(
      Class<S> service, ServicePage<S, T> page, int rows, RowKey<T> rowKey) {
    return of(
        (first, max, field, descending) ->
            page.read(CDI.current().select(service).get(), first, max),
        rows,
        rowKey);
  }

  /**
   * This list with its first page (from the top, unsorted, {@code rows} long) already read, by a
   * page's one call that read its other lists in the same transaction: the table's render in the
   * same request answers from it instead of calling the service. Any later request reads anew.
   */
  public ServerPagedList<T> startingWith(ResultPage<T> firstPage) {
    if (reader == null) {
      throw new IllegalStateException("only a list read a page and its total at a time");
    }
    preread = firstPage;
    prereadIn = request.current();
    return this;
  }

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    if (reader == null) {
      return (int) Math.min(Integer.MAX_VALUE, counter.count());
    }
    boolean prereadFits =
        preread != null
            && prereadIn == request.current()
            && expectedFirst == 0
            && expectedSort == null
            && !expectedDescending;
    counted =
        prereadFits
            ? preread
            : reader.read(expectedFirst, expectedMax, expectedSort, expectedDescending);
    preread = null;
    prereadIn = null;
    countedIn = request.current();
    return (int) Math.min(Integer.MAX_VALUE, counted.total());
  }

  @Override
  public List<T> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    SortMeta sort = sortBy == null ? null : sortBy.values().stream().findFirst().orElse(null);
    String field = sort == null ? null : sort.getField();
    boolean descending = sort != null && sort.getOrder() == SortOrder.DESCENDING;
    if (reader == null) {
      return loader.load(first, pageSize, field, descending);
    }
    ResultPage<T> page = counted;
    boolean same =
        page != null
            && countedIn == request.current()
            && first == expectedFirst
            && pageSize == expectedMax
            && Objects.equals(field, expectedSort)
            && descending == expectedDescending;
    counted = null;
    countedIn = null;
    expectedFirst = first;
    expectedMax = pageSize;
    expectedSort = field;
    expectedDescending = descending;
    return same ? page.rows() : reader.read(first, pageSize, field, descending).rows();
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
