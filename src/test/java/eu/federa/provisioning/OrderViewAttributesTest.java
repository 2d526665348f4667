package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.catalog.Size;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resource list reads an order's {@link OrderView#ATTRIBUTES} instead of the whole order: the
 * view made from them must be the one made from the order itself.
 */
class OrderViewAttributesTest {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  /** A running order as the database gives it back (its id set). */
  static VmOrder running() throws ReflectiveOperationException {
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
}
