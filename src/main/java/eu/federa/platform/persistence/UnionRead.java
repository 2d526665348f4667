package eu.federa.platform.persistence;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Several reads sent as one statement ({@code UNION ALL}): a page that needs rows of several
 * capabilities pays one round trip to MariaDB instead of one each, and no transaction when it runs
 * outside one: each a network round trip when the database runs on other hosts (on loopback the
 * reads' execution costs more than their round trips: docs/performance.md, "Tenth pass"). Each
 * capability adds the parts it owns (its own tables); {@link UnionReads} runs it.
 *
 * <p>The parts share the statement's columns by kind: a part's numbers go to the number columns,
 * its texts to the text columns, and so on, NULL in the columns it does not fill, so that MariaDB
 * types each column as one kind (never a text made of a number and a date) and a row is no wider
 * than its widest part. The statement is {@code (SELECT 0, ... FROM ...) UNION ALL (SELECT 1, ...)
 * ...} with no order of its own: an order over the whole had MariaDB copy every row into a
 * temporary table (on disk, with a TEXT column among them) to sort it, and the columns one part
 * sorts by hold other parts' values. Each part's rows are put in the order it asked for here, texts
 * as {@code utf8mb4_unicode_ci} compares them (case and accents aside). A part's text after its
 * columns may hold its own {@code WHERE}, {@code GROUP BY}, {@code ORDER BY} and {@code LIMIT}, and
 * named parameters ({@code :name}, no colon in its literals).
 */
public final class UnionRead {

  /** What a column holds: the statement's columns are shared by kind. */
  public enum Kind {
    /** Whole numbers and booleans (read as {@link Number}). */
    NUMBER,
    /** Texts. */
    TEXT,
    /** DATETIME columns. */
    TIME,
    /** DECIMAL columns (money). */
    DECIMAL
  }

  /** A column of a part: its SQL expression and kind. */
  public record Column(String sql, Kind kind) {
    public static Column number(String sql) {
      return new Column(sql, Kind.NUMBER);
    }

    public static Column text(String sql) {
      return new Column(sql, Kind.TEXT);
    }

    public static Column time(String sql) {
      return new Column(sql, Kind.TIME);
    }

    public static Column decimal(String sql) {
      return new Column(sql, Kind.DECIMAL);
    }
  }

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
    private final List<Column> columns;
    private final String rest;
    private final List<Sort> sort;

    /** Each of the part's columns' place among the kind's columns. */
    private final int[] slots;

    private Part(int index, List<Column> columns, String rest, List<Sort> sort, int[] slots) {
      this.index = index;
      this.columns = columns;
      this.rest = rest;
      this.sort = sort;
      this.slots = slots;
    }

    /** The order the part asked for, by its columns' values (NULL first, as MariaDB's). */
    Comparator<Row> order() {
      Collator texts = Collator.getInstance(Locale.ROOT);
      texts.setStrength(Collator.PRIMARY);
      Comparator<Row> order = (a, b) -> 0;
      for (Sort s : sort) {
        Comparator<Row> byColumn =
            (a, b) -> compare(a.value(s.column()), b.value(s.column()), texts);
        order = order.thenComparing(s.descending() ? byColumn.reversed() : byColumn);
      }
      return order;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b, Collator texts) {
      if (a == null || b == null) {
        return a == null ? (b == null ? 0 : -1) : 1;
      }
      if (a instanceof String x && b instanceof String y) {
        return texts.compare(x, y);
      }
      if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
      }
      return ((Comparable) a).compareTo(b);
    }

    /**
     * The part's rows of the result, each with the part's columns only, in their order (from 0).
     */
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
  private final Map<String, Object> parameters = new HashMap<>();
  private final Map<Kind, Integer> widths = new EnumMap<>(Kind.class);

  /**
   * Adds a part.
   *
   * @param columns the part's columns
   * @param rest what follows them: {@code FROM}, {@code WHERE} and the like (may be empty)
   * @param sort the order of the part's rows among themselves
   */
  public Part add(List<Column> columns, String rest, Sort... sort) {
    Map<Kind, Integer> used = new EnumMap<>(Kind.class);
    int[] slots = new int[columns.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = used.merge(columns.get(i).kind(), 1, Integer::sum) - 1;
    }
    used.forEach((kind, count) -> widths.merge(kind, count, Math::max));
    Part part = new Part(parts.size(), List.copyOf(columns), rest, List.of(sort), slots);
    parts.add(part);
    return part;
  }

  /**
   * A named parameter ({@code :name}) some part uses (a collection stands for a list of values);
   * every part that names it gets this value, so each capability names its own.
   */
  public UnionRead set(String name, Object value) {
    parameters.put(name, value);
    return this;
  }

  /** The statement's column (from 1, the part's number first) of a part's column. */
  private int position(Part part, int column) {
    int position = 2;
    Kind kind = part.columns.get(column).kind();
    for (Kind k : Kind.values()) {
      if (k == kind) {
        return position + part.slots[column];
      }
      position += widths.getOrDefault(k, 0);
    }
    throw new IllegalStateException(kind.name());
  }

  /** The statement, with its named parameters. */
  public String sql() {
    StringBuilder sql = new StringBuilder();
    for (Part part : parts) {
      if (part.index > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("(SELECT ").append(part.index);
      for (Kind kind : Kind.values()) {
        int width = widths.getOrDefault(kind, 0);
        String[] cells = new String[width];
        for (int i = 0; i < part.columns.size(); i++) {
          if (part.columns.get(i).kind() == kind) {
            cells[part.slots[i]] = part.columns.get(i).sql();
          }
        }
        for (String cell : cells) {
          sql.append(", ").append(cell == null ? "NULL" : cell);
        }
      }
      if (!part.rest.isBlank()) {
        sql.append(' ').append(part.rest);
      }
      sql.append(')');
    }
    return sql.toString();
  }

  /**
   * {@code sql} with its named parameters as JDBC's {@code ?} (a collection's as one each), their
   * values added to {@code values} in their order.
   */
  String positional(String sql, List<Object> values) {
    StringBuilder jdbc = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      boolean starts =
          c == ':'
              && i + 1 < sql.length()
              && Character.isLetter(sql.charAt(i + 1))
              && (i == 0 || !(sql.charAt(i - 1) == ':' || isWord(sql.charAt(i - 1))));
      if (!starts) {
        jdbc.append(c);
        i++;
        continue;
      }
      int end = i + 1;
      while (end < sql.length() && isWord(sql.charAt(end))) {
        end++;
      }
      String name = sql.substring(i + 1, end);
      if (!parameters.containsKey(name)) {
        throw new IllegalArgumentException("no value for :" + name);
      }
      Object value = parameters.get(name);
      if (value instanceof Collection<?> list) {
        if (list.isEmpty()) {
          throw new IllegalArgumentException("an empty list for :" + name);
        }
        jdbc.append(String.join(", ", Collections.nCopies(list.size(), "?")));
        values.addAll(list);
      } else {
        jdbc.append('?');
        values.add(value);
      }
      i = end;
    }
    return jdbc.toString();
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Runs {@code sql} (this read's {@link #sql()}) on {@code connection}. */
  Result run(Connection connection, String sql) throws SQLException {
    List<Object> values = new ArrayList<>();
    String jdbc = positional(sql, values);
    int[][] positions = new int[parts.size()][];
    for (Part part : parts) {
      positions[part.index] = new int[part.columns.size()];
      for (int i = 0; i < positions[part.index].length; i++) {
        positions[part.index][i] = position(part, i);
      }
    }
    Map<Integer, List<Row>> byPart = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement(jdbc)) {
      for (int i = 0; i < values.size(); i++) {
        statement.setObject(i + 1, values.get(i));
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          int index = rs.getInt(1);
          int[] columns = positions[index];
          Object[] row = new Object[columns.length];
          for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(columns[i]);
          }
          byPart.computeIfAbsent(index, k -> new ArrayList<>()).add(Row.values(row));
        }
      }
    }
    for (Part part : parts) {
      List<Row> rows = byPart.get(part.index);
      if (rows != null && !part.sort.isEmpty()) {
        rows.sort(part.order());
      }
    }
    return new Result(byPart);
  }
}
