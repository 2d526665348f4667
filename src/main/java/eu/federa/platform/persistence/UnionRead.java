package eu.federa.platform.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several reads sent as one statement ({@code UNION ALL}): a page that needs rows of several
 * capabilities pays one round trip to MariaDB instead of one each, and no transaction when it runs
 * outside one (each statement and each transaction was a measurable share of a page under load,
 * docs/performance.md). Each capability adds the parts it owns (its own tables, its own columns);
 * the columns of the parts do not meet: each part has its own range and NULL in every other, so
 * MariaDB's type of a column (a number, a date, a text) is its part's own, never a text made of a
 * number and a date.
 *
 * <p>The statement is {@code (SELECT 0, <part 0's columns>, NULL, ... FROM ...) UNION ALL (SELECT
 * 1, NULL, ..., <part 1's columns> ...) ... ORDER BY 1, <each part's sort columns>}: the rows of a
 * part together, in the order the part asked for (the order inside a part of a {@code UNION} is
 * otherwise not kept). A part's text after its columns may hold its own {@code WHERE}, {@code GROUP
 * BY}, {@code ORDER BY} and {@code LIMIT}.
 */
public final class UnionRead {

  /** How a part's rows are ordered among themselves: its column, counted from 0, and direction. */
  public record Sort(int column, boolean descending) {
    public static Sort asc(int column) {
      return new Sort(column, false);
    }

    public static Sort desc(int column) {
      return new Sort(column, true);
    }
  }

  /** A part added, which hands out its rows once the statement ran. */
  public static final class Part {
    private final int index;
    private final int offset;
    private final int columns;
    private final String select;
    private final String rest;
    private final List<Sort> sort;

    private Part(int index, int offset, int columns, String select, String rest, List<Sort> sort) {
      this.index = index;
      this.offset = offset;
      this.columns = columns;
      this.select = select;
      this.rest = rest;
      this.sort = sort;
    }

    /** The part's rows of the result, each with the part's columns only (from 0). */
    public List<Row> rows(Result result) {
      return result.rows.getOrDefault(index, List.of());
    }
  }

  /** What the statement read, by part. */
  public static final class Result {
    private final Map<Integer, List<Row>> rows;

    private Result(Map<Integer, List<Row>> rows) {
      this.rows = rows;
    }
  }

  private final List<Part> parts = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private int width;

  /**
   * Adds a part.
   *
   * @param columns how many columns {@code select} lists
   * @param select the part's columns, comma-separated (as after {@code SELECT})
   * @param rest what follows them: {@code FROM}, {@code WHERE} and the like (may be empty)
   * @param sort the order of the part's rows among themselves
   */
  public Part add(int columns, String select, String rest, Sort... sort) {
    Part part = new Part(parts.size(), width, columns, select, rest, List.of(sort));
    parts.add(part);
    width += columns;
    return part;
  }

  /**
   * A named parameter ({@code :name}) some part uses; every part that names it gets this value, so
   * each capability names its own.
   */
  public UnionRead set(String name, Object value) {
    parameters.put(name, value);
    return this;
  }

  /** The statement. */
  public String sql() {
    StringBuilder sql = new StringBuilder();
    for (Part part : parts) {
      if (part.index > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("(SELECT ").append(part.index);
      nulls(sql, part.offset);
      sql.append(", ").append(part.select);
      nulls(sql, width - part.offset - part.columns);
      if (!part.rest.isBlank()) {
        sql.append(' ').append(part.rest);
      }
      sql.append(')');
    }
    sql.append(" ORDER BY 1");
    for (Part part : parts) {
      for (Sort s : part.sort) {
        sql.append(", ").append(2 + part.offset + s.column());
        if (s.descending()) {
          sql.append(" DESC");
        }
      }
    }
    return sql.toString();
  }

  private static void nulls(StringBuilder sql, int count) {
    for (int i = 0; i < count; i++) {
      sql.append(", NULL");
    }
  }

  /** Runs the statement (in the caller's transaction, or on its own outside one). */
  public Result run(EntityManager em) {
    Query query = em.createNativeQuery(sql());
    parameters.forEach(query::setParameter);
    Map<Integer, List<Row>> byPart = new LinkedHashMap<>();
    for (Row row : Row.all(query)) {
      int index = row.integer(0);
      Part part = parts.get(index);
      byPart
          .computeIfAbsent(index, k -> new ArrayList<>())
          .add(row.columns(1 + part.offset, part.columns));
    }
    return new Result(byPart);
  }
}
