package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStateTest {

  @Test
  void theConditionOfOrdersNotEndedNamesEachEndedStateAsAConstant() {
    assertThat(OrderState.notEndedSql("state"))
        .isEqualTo("state NOT IN ('TERMINATED', 'FAILED', 'VANISHED')");
  }
}
