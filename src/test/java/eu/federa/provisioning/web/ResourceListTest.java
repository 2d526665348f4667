package eu.federa.provisioning.web;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.provisioning.OrderState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceListTest {

  @Test
  void aPageAskedForStartsAtItsFirstRowAndNothingUsableIsTheFirstPage() {
    assertThat(ResourceList.firstOfPage(null)).isZero();
    assertThat(ResourceList.firstOfPage(-40L)).isZero();
    assertThat(ResourceList.firstOfPage(0L)).isZero();
    assertThat(ResourceList.firstOfPage(20L)).isEqualTo(20);
    assertThat(ResourceList.firstOfPage(47L)).as("a row inside a page").isEqualTo(40);
    assertThat(ResourceList.firstOfPage(Long.MAX_VALUE))
        .as("far past the end: a page the service then brings back to the last")
        .isPositive()
        .isEqualTo((Integer.MAX_VALUE - ResourceList.PAGE) / 20 * 20);
  }

  @Test
  void onlyWholeNumbersAreReadFromTheAddress() {
    assertThat(ResourceList.number("7")).isEqualTo(7L);
    assertThat(ResourceList.number(" 12 ")).isEqualTo(12L);
    assertThat(ResourceList.number(null)).isNull();
    assertThat(ResourceList.number("")).isNull();
    assertThat(ResourceList.number("x")).isNull();
    assertThat(ResourceList.number("<script>")).isNull();
    assertThat(ResourceList.number("1e3")).isNull();
    assertThat(ResourceList.number("99999999999999999999")).isNull();
  }

  @Test
  void theListRefreshesSoonWhileAVmShownIsOnItsWay() {
    assertThat(ResourceList.busy(List.of())).isFalse();
    assertThat(ResourceList.busy(List.of(OrderState.RUNNING, OrderState.STOPPED))).isFalse();
    assertThat(ResourceList.busy(List.of(OrderState.TERMINATED, OrderState.FAILED))).isFalse();
    for (OrderState underWay :
        List.of(
            OrderState.AWAITING_APPROVAL,
            OrderState.RESERVED,
            OrderState.DEPLOYING,
            OrderState.STOPPING,
            OrderState.TERMINATING,
            OrderState.MOVING,
            OrderState.MIGRATING)) {
      assertThat(ResourceList.busy(List.of(OrderState.RUNNING, underWay)))
          .as(underWay.name())
          .isTrue();
    }
  }
}
