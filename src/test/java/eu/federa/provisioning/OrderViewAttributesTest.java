package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.catalog.Size;
import eu.federa.platform.persistence.Row;
import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resource list reads an order's {@link OrderView#ATTRIBUTES} instead of the whole order: the
 * view made from them must be the one made from the order itself.
 */
class OrderViewAttributesTest {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  private static VmOrder running() throws ReflectiveOperationException {
    VmOrder o =
        new VmOrder(
            7,
            3L,
            "sub-7",
            "key-abcdefgh",
            "web-01",
            "ubuntu-24.04",
            new Size("s-2", "Small", 2, 4096, 20, 0, null, null),
            "",
            T0);
    o.askPublicAddress(true);
    o.deploying(42, T0);
    o.running(List.of("10.0.0.1", "203.0.113.7"), "ACTIVE/RUNNING", T0.plusSeconds(30));
    Field id = VmOrder.class.getDeclaredField("id"); // as the database gives it
    id.setAccessible(true);
    id.set(o, 99L);
    return o;
  }

  @Test
  void theAttributesNamedAreTheOrdersFieldsInTheirOrder() throws Exception {
    VmOrder o = running();
    List<String> names =
        Arrays.stream(OrderView.ATTRIBUTES.split(","))
            .map(String::trim)
            .map(n -> n.substring("o.".length()))
            .toList();
    Object[] read = new Object[names.size()];
    for (int i = 0; i < read.length; i++) {
      Field f = VmOrder.class.getDeclaredField(names.get(i));
      f.setAccessible(true);
      read[i] = f.get(o);
    }
    assertThat(o.viewAttributes()).containsExactly(read);
  }

  @Test
  void aViewOfTheAttributesIsTheViewOfTheOrder() throws Exception {
    VmOrder o = running();
    OrderView fromRow = OrderView.of(o.viewAttributes().clone());
    assertThat(fromRow).isEqualTo(OrderView.of(o));
    assertThat(fromRow.state()).isEqualTo(OrderState.RUNNING);
    assertThat(fromRow.canStop()).isTrue();
    assertThat(fromRow.canStart()).isFalse();
    assertThat(fromRow.canTerminate()).isTrue();
    assertThat(fromRow.publicIp()).isEqualTo("203.0.113.7");
    assertThat(fromRow.projectId()).isEqualTo(3L);
    assertThat(fromRow.memoryMib()).isEqualTo(4096);
  }

  @Test
  void theColumnsNamedAreTheAttributesColumnsInTheirOrder() throws Exception {
    List<String> attributes =
        Arrays.stream(OrderView.ATTRIBUTES.split(","))
            .map(n -> n.trim().substring("o.".length()))
            .toList();
    List<String> columns =
        OrderView.COLUMNS.stream().map(c -> c.sql().substring("o.".length())).toList();
    assertThat(columns).hasSameSizeAs(attributes);
    for (int i = 0; i < columns.size(); i++) {
      Column column = VmOrder.class.getDeclaredField(attributes.get(i)).getAnnotation(Column.class);
      String name = column == null || column.name().isEmpty() ? attributes.get(i) : column.name();
      assertThat(columns.get(i)).as(attributes.get(i)).isEqualTo(name);
    }
  }

  @Test
  void aViewOfTheColumnsAsTheDriverGivesThemIsTheViewOfTheOrder() throws Exception {
    VmOrder o = running();
    Object[] values = o.viewAttributes().clone();
    // what MariaDB's driver gives for them: the state's name, DATETIMEs, a TINYINT
    values[8] = ((OrderState) values[8]).name();
    for (int i : new int[] {16, 17, 18}) {
      values[i] =
          values[i] == null
              ? null
              : LocalDateTime.ofInstant((Instant) values[i], java.time.ZoneOffset.UTC);
    }
    values[24] = Boolean.TRUE.equals(values[24]) ? 1 : 0;
    assertThat(OrderView.of(Row.values(values))).isEqualTo(OrderView.of(o));
  }
}
