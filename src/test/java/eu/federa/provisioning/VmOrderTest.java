package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.federa.catalog.Size;
import eu.federa.platform.text.Reason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VmOrderTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  private static VmOrder order() {
    return new VmOrder(
        1,
        null,
        "sub",
        "key-12345678",
        "web-01",
        "ubuntu-24.04",
        new Size("s-2", "Small", 2, 4096, 20, 0, null, null),
        "",
        T0);
  }

  @Test
  void aNewOrderIsReservedAndDueAtOnce() {
    VmOrder o = order();
    assertThat(o.getState()).isEqualTo(OrderState.RESERVED);
    assertThat(o.getNextStepAt()).isEqualTo(T0);
  }

  @Test
  void itRunsAfterDeploymentAndThenHasNothingToDo() {
    VmOrder o = order();
    o.deploying(42, T0);
    o.running("10.0.0.1", "ACTIVE/RUNNING", T0.plusSeconds(5));
    assertThat(o.getState()).isEqualTo(OrderState.RUNNING);
    assertThat(o.getRunningSince()).isEqualTo(T0.plusSeconds(5));
    assertThat(o.getNextStepAt()).isNull();
    assertThat(o.getIpAddress()).isEqualTo("10.0.0.1");
  }

  @Test
  void aPublicAddressIsTheLastNicsAndOnlyWhenOneWasAskedFor() {
    VmOrder plain = order();
    plain.deploying(42, T0);
    plain.running(List.of("10.0.0.1", "203.0.113.7"), "ACTIVE/RUNNING", T0);
    assertThat(plain.getIpAddress()).isEqualTo("10.0.0.1");
    assertThat(plain.getPublicIp()).isNull();
    assertThat(plain.publicIps()).isZero();

    VmOrder exposed = order();
    exposed.askPublicAddress(true);
    exposed.deploying(43, T0);
    exposed.running(List.of("10.0.0.2", "203.0.113.8"), "ACTIVE/RUNNING", T0);
    assertThat(exposed.getIpAddress()).isEqualTo("10.0.0.2");
    assertThat(exposed.getPublicIp()).isEqualTo("203.0.113.8");
    assertThat(exposed.publicIps()).isEqualTo(1);
  }

  private static final Reason DOWN = Reason.of("unreachable", "Lutece");

  @Test
  void unreachableProvidersAreRetriedWithGrowingWaitsThenGivenUp() {
    VmOrder o = order();
    assertThat(o.retryLater(DOWN, T0)).isFalse();
    assertThat(o.getNextStepAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(o.retryLater(DOWN, T0)).isFalse();
    assertThat(o.getNextStepAt()).isEqualTo(T0.plusSeconds(4));
    for (int i = 3; i < VmOrder.MAX_ATTEMPTS; i++) {
      assertThat(o.retryLater(DOWN, T0)).isFalse();
    }
    assertThat(o.retryLater(DOWN, T0)).isTrue();
    assertThat(o.getState()).isEqualTo(OrderState.COMPENSATING);
    assertThat(o.getFailureReason()).isEqualTo("The provider Lutece could not be reached.");
    assertThat(Reason.decode(o.getFailureKey())).isEqualTo(DOWN);
  }

  @Test
  void compensationNeverGivesUp() {
    VmOrder o = order();
    o.compensate(Reason.of("bootFailed", "Lutece", "ACTIVE/BOOT_FAILURE"), T0);
    for (int i = 0; i < 20; i++) {
      assertThat(o.retryLater(DOWN, T0)).isFalse();
    }
    assertThat(o.getState()).isEqualTo(OrderState.COMPENSATING);
    assertThat(o.getNextStepAt()).isEqualTo(T0.plusSeconds(60));
    o.failed(T0);
    assertThat(o.getState()).isEqualTo(OrderState.FAILED);
    assertThat(o.getFailureReason())
        .isEqualTo("The VM failed to start at Lutece (ACTIVE/BOOT_FAILURE).");
  }

  @Test
  void actionsAreOfferedOnlyInStatesThatAllowThem() {
    VmOrder o = order();
    assertThat(o.allows(OrderState.STOPPING)).isFalse();
    assertThat(o.allows(OrderState.TERMINATING)).isFalse();
    assertThatThrownBy(() -> o.acting(OrderState.STOPPING, T0))
        .isInstanceOf(IllegalStateException.class);
    o.deploying(1, T0);
    o.running((String) null, "ACTIVE/RUNNING", T0);
    assertThat(o.allows(OrderState.STARTING)).isFalse();
    o.acting(OrderState.STOPPING, T0);
    o.stopped("POWEROFF", T0);
    assertThat(o.allows(OrderState.STARTING)).isTrue();
    assertThat(o.allows(OrderState.REBOOTING)).isFalse();
    o.acting(OrderState.TERMINATING, T0);
    o.terminated(T0);
    assertThat(o.getState().ended()).isTrue();
    assertThat(o.allows(OrderState.TERMINATING)).isFalse();
  }

  @Test
  void aReferenceNamesAnOrderOnlyInItsOwnForm() {
    assertThat(VmOrder.refOf(42)).isEqualTo("order-42");
    assertThat(VmOrder.idOfRef("order-42")).contains(42L);
    assertThat(VmOrder.idOfRef("order--42")).isEmpty();
    assertThat(VmOrder.idOfRef("order-+42")).isEmpty();
    assertThat(VmOrder.idOfRef("order-")).isEmpty();
    assertThat(VmOrder.idOfRef("order-1234567890123456789")).isEmpty();
    assertThat(VmOrder.idOfRef("service-7")).isEmpty();
    assertThat(VmOrder.idOfRef(null)).isEmpty();
  }
}
