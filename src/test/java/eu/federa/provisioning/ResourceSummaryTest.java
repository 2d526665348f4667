package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSummaryTest {

  @Test
  void vmsAreCountedByWhereTheyStandAndAiServicesOncePerService() {
    ResourceSummary summary =
        ResourceSummary.of(
            List.of(
                new Object[] {OrderState.RUNNING, null, 3L},
                new Object[] {OrderState.STOPPED, null, 1L},
                new Object[] {OrderState.DEPLOYING, null, 2L},
                new Object[] {OrderState.RESIZING, null, 1L},
                new Object[] {OrderState.AWAITING_APPROVAL, null, 1L},
                // Two replicas of service 7, one of service 9: two services, no VMs.
                new Object[] {OrderState.RUNNING, 7L, 2L},
                new Object[] {OrderState.DEPLOYING, 9L, 1L}));

    assertThat(summary.running()).isEqualTo(3);
    assertThat(summary.stopped()).isEqualTo(1);
    assertThat(summary.underWay()).isEqualTo(3);
    assertThat(summary.awaitingApproval()).isEqualTo(1);
    assertThat(summary.vms()).isEqualTo(8);
    assertThat(summary.aiServices()).isEqualTo(2);
    assertThat(summary.none()).isFalse();
  }

  @Test
  void nothingLiveIsNone() {
    assertThat(ResourceSummary.of(List.of()).none()).isTrue();
  }
}
