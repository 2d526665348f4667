package eu.federa.platform.persistence;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a list read in the database, and how many rows the whole list has: what a service
 * answers for a table that pages (read with {@code max} 0, only the total).
 */
public record ResultPage<T>(List<T> rows, long total) implements Serializable {

  public ResultPage {
    rows = List.copyOf(rows);
  }
}
