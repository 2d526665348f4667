package eu.federa.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Parts of one statement keep their columns apart (each has its own range, NULL in the others') and
 * their rows in the order each asked for.
 */
class UnionReadTest {

  @Test
  void eachPartHasItsOwnColumnsAndTheStatementKeepsEachPartsOrder() {
    UnionRead read = new UnionRead();
    read.add(
        2,
        "o.id, o.created_at",
        "FROM vm_order o WHERE o.tenant_id = :t LIMIT 20",
        UnionRead.Sort.desc(1),
        UnionRead.Sort.desc(0));
    read.add(1, "COUNT(*)", "FROM vm_order o WHERE o.tenant_id = :t");
    read.add(2, "p.id, p.name", "FROM project p", UnionRead.Sort.asc(1));
    read.add(1, "NOW()", "");
    assertThat(read.sql())
        .isEqualTo(
            "(SELECT 0, o.id, o.created_at, NULL, NULL, NULL, NULL"
                + " FROM vm_order o WHERE o.tenant_id = :t LIMIT 20)"
                + " UNION ALL (SELECT 1, NULL, NULL, COUNT(*), NULL, NULL, NULL"
                + " FROM vm_order o WHERE o.tenant_id = :t)"
                + " UNION ALL (SELECT 2, NULL, NULL, NULL, p.id, p.name, NULL FROM project p)"
                + " UNION ALL (SELECT 3, NULL, NULL, NULL, NULL, NULL, NOW())"
                + " ORDER BY 1, 3 DESC, 2 DESC, 6");
  }

  @Test
  void aRowsColumnsFromOneOnAreARowOfTheirOwn() {
    Row row = Row.values(3, null, 7L, "name", null);
    Row part = row.columns(2, 2);
    assertThat(part.lng(0)).isEqualTo(7L);
    assertThat(part.str(1)).isEqualTo("name");
  }
}
