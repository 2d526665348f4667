package eu.federa.platform.persistence;

import static eu.federa.platform.persistence.UnionRead.Column.number;
import static eu.federa.platform.persistence.UnionRead.Column.text;
import static eu.federa.platform.persistence.UnionRead.Column.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parts of one statement share its columns by kind (each column one kind, NULL where a part has
 * none of it) and keep their rows in the order each asked for.
 */
class UnionReadTest {

  @Test
  void partsShareTheColumnsByKind() {
    UnionRead read = new UnionRead();
    read.add(
        List.of(number("o.id"), text("o.name"), time("o.created_at")),
        "FROM vm_order o WHERE o.tenant_id = :t LIMIT 20",
        UnionRead.Sort.desc(2),
        UnionRead.Sort.desc(0));
    read.add(List.of(number("COUNT(*)")), "FROM vm_order o WHERE o.tenant_id = :t");
    read.add(
        List.of(number("p.id"), number("p.tenant_id"), text("p.name")),
        "FROM project p",
        UnionRead.Sort.asc(2));
    read.add(List.of(time("NOW()")), "");
    // numbers (two at most), texts (one), times (one)
    assertThat(read.sql())
        .isEqualTo(
            "(SELECT 0, o.id, NULL, o.name, o.created_at"
                + " FROM vm_order o WHERE o.tenant_id = :t LIMIT 20)"
                + " UNION ALL (SELECT 1, COUNT(*), NULL, NULL, NULL"
                + " FROM vm_order o WHERE o.tenant_id = :t)"
                + " UNION ALL (SELECT 2, p.id, p.tenant_id, p.name, NULL FROM project p)"
                + " UNION ALL (SELECT 3, NULL, NULL, NULL, NOW())");
  }

  @Test
  void aRowsColumnsFromOneOnAreARowOfTheirOwn() {
    Row row = Row.values(3, null, 7L, "name", null);
    Row part = row.columns(2, 2);
    assertThat(part.lng(0)).isEqualTo(7L);
    assertThat(part.str(1)).isEqualTo("name");
  }

  @Test
  void namedParametersBecomeJdbcsOneForEachValueOfAList() {
    UnionRead read = new UnionRead().set("t", 7L).set("ids", List.of(1L, 2L, 3L));
    List<Object> values = new java.util.ArrayList<>();
    assertThat(read.positional("a = :t AND id IN (:ids) AND b = :t AND c::d", values))
        .isEqualTo("a = ? AND id IN (?, ?, ?) AND b = ? AND c::d");
    assertThat(values).containsExactly(7L, 1L, 2L, 3L, 7L);
    assertThatThrownBy(() -> read.positional("x = :missing", new java.util.ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":missing");
    UnionRead none = new UnionRead().set("ids", List.of());
    assertThatThrownBy(() -> none.positional("id IN (:ids)", new java.util.ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachPartsRowsAreInTheOrderItAskedForTextsAsMariaDbComparesThem() {
    UnionRead read = new UnionRead();
    UnionRead.Part orders =
        read.add(
            List.of(number("o.id"), time("o.created_at")),
            "",
            UnionRead.Sort.desc(1),
            UnionRead.Sort.desc(0));
    UnionRead.Part projects =
        read.add(
            List.of(number("p.id"), text("p.name")),
            "",
            UnionRead.Sort.asc(1),
            UnionRead.Sort.asc(0));
    java.time.LocalDateTime t = java.time.LocalDateTime.parse("2026-12-05T10:00:00");
    List<Row> vms =
        new java.util.ArrayList<>(
            List.of(Row.values(1L, t), Row.values(3L, t), Row.values(2L, t.plusSeconds(1))));
    vms.sort(orders.order());
    assertThat(vms).extracting(r -> r.lng(0)).containsExactly(2L, 3L, 1L);
    List<Row> names =
        new java.util.ArrayList<>(
            List.of(
                Row.values(4L, "beta"),
                Row.values(3L, "\u00c9cole"),
                Row.values(1L, "Alpha"),
                Row.values(2L, "alpha")));
    names.sort(projects.order());
    // case and accents aside, as utf8mb4_unicode_ci: the same name by id
    assertThat(names).extracting(r -> r.lng(0)).containsExactly(1L, 2L, 4L, 3L);
  }
}
