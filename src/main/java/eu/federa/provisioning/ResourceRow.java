package eu.federa.provisioning;

import eu.federa.platform.persistence.Row;
import eu.federa.platform.persistence.UnionRead;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * An order as a row of the resource list shows it: its name linking to its page, where it stands,
 * its size, where it runs and since when. Read as these eight columns, not an order's thirty (its
 * keys, its placement choices, its failure): the list's statement is the page's largest part of
 * MariaDB's work, and a view needs none of them (docs/performance.md, "Eleventh pass").
 *
 * @param ipAddress its address in its network, null before it has one
 */
public record ResourceRow(
    long id,
    String name,
    OrderState state,
    String sizeCode,
    String providerName,
    String countryCode,
    String ipAddress,
    Instant createdAt)
    implements Serializable {

  /**
   * The columns a row is read from (SQL, the order as {@code o}), in the order {@link #of} reads.
   */
  static final List<UnionRead.Column> COLUMNS =
      List.of(
          UnionRead.Column.number("o.id"),
          UnionRead.Column.text("o.name"),
          UnionRead.Column.text("o.state"),
          UnionRead.Column.text("o.size_code"),
          UnionRead.Column.text("o.provider_name"),
          UnionRead.Column.text("o.country_code"),
          UnionRead.Column.text("o.ip_address"),
          UnionRead.Column.time("o.created_at"));

  /** The column of {@link #COLUMNS} the list is ordered by, newest first (then the id). */
  static final int CREATED_AT = 7;

  /** A row of {@link #COLUMNS} as the driver gives it. */
  static ResourceRow of(Row r) {
    return new ResourceRow(
        r.lng(0),
        r.str(1),
        OrderState.valueOf(r.str(2)),
        r.str(3),
        r.str(4),
        r.str(5),
        r.str(6),
        r.instant(7));
  }
}
