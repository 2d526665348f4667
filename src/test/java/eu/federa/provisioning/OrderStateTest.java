package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStateTest {

  @Test
  void theConditionOfOrdersNotEndedNamesEachEndedStateAsAConstant() {
    assertThat(OrderState.notEnded("o.state"))
        .isEqualTo(
            "o.state not in (eu.federa.provisioning.OrderState.TERMINATED,"
                + " eu.federa.provisioning.OrderState.FAILED,"
                + " eu.federa.provisioning.OrderState.VANISHED)");
  }
}
