package eu.federa.platform.persistence;

import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One row of a native (or JPQL) query, read by column position with the conversions MariaDB's
 * driver needs (numbers of any width, DATE and UTC DATETIME columns). Queries map their rows to
 * records through it, so that no caller handles {@code Object[]} or casts.
 */
public final class Row {

  private final Object[] values;

  private Row(Object[] values) {
    this.values = values;
  }

  /** Every row of the query (a one-column query's values too). */
  public static List<Row> all(Query query) {
    return ((List<?>) query.getResultList()).stream().map(Row::of).toList();
  }

  /**
   * The query's rows one at a time, read from the database as they are consumed (with a fetch size
   * set on the query, MariaDB's driver streams them): for results too large to hold. Close it.
   */
  public static Stream<Row> stream(Query query) {
    return ((Stream<?>) query.getResultStream()).map(Row::of);
  }

  /** The first row of the query, if any. */
  public static Optional<Row> first(Query query) {
    return all(query).stream().findFirst();
  }

  /** The single row of a query that always has one (an aggregate). */
  public static Row single(Query query) {
    return of(query.getSingleResult());
  }

  private static Row of(Object result) {
    return new Row(result instanceof Object[] columns ? columns : new Object[] {result});
  }

  /** A column's value as the driver gave it. */
  Object value(int column) {
    return values[column];
  }

  /** A row of these column values, as the driver gives them. */
  public static Row values(Object... columns) {
    return new Row(columns.clone());
  }

  /** The {@code count} columns from {@code first} on, as a row of their own (from 0). */
  public Row columns(int first, int count) {
    return new Row(java.util.Arrays.copyOfRange(values, first, first + count));
  }

  /** A column of a JPQL query holding an entity or another object of a known type. */
  public <T> T get(int column, Class<T> type) {
    return type.cast(values[column]);
  }

  /** A number column where null (a sum over nothing) counts as zero. */
  public long lngOrZero(int column) {
    return isNull(column) ? 0 : lng(column);
  }

  public boolean isNull(int column) {
    return values[column] == null;
  }

  public long lng(int column) {
    return ((Number) values[column]).longValue();
  }

  public Long lngOrNull(int column) {
    return isNull(column) ? null : lng(column);
  }

  public int integer(int column) {
    return ((Number) values[column]).intValue();
  }

  public Integer intOrNull(int column) {
    return isNull(column) ? null : integer(column);
  }

  public double dbl(int column) {
    return ((Number) values[column]).doubleValue();
  }

  public Double dblOrNull(int column) {
    return isNull(column) ? null : dbl(column);
  }

  public String str(int column) {
    return (String) values[column];
  }

  public BigDecimal decimal(int column) {
    Object value = values[column];
    return value == null || value instanceof BigDecimal
        ? (BigDecimal) value
        : new BigDecimal(value.toString());
  }

  /** A BOOLEAN (TINYINT) column; null is false. */
  public boolean bool(int column) {
    Object value = values[column];
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }

  /** A DATETIME column (UTC), or null. */
  public Instant instant(int column) {
    return UtcColumns.instant(values[column]);
  }

  /** A DATE column, or null. */
  public LocalDate date(int column) {
    Object value = values[column];
    if (value == null) {
      return null;
    }
    return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
  }
}
