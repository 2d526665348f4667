package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.platform.persistence.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSummaryTest {

  @Test
  void vmsAreCountedByWhereTheyStandAndAiServicesOncePerService() {
    // rows as MariaDB's driver gives them: the state's name, BIGINT ids and counts
    ResourceSummary summary =
        ResourceSummary.of(
            List.of(
                Row.values("RUNNING", null, 3L),
                Row.values("STOPPED", null, 1L),
                Row.values("DEPLOYING", null, 2L),
                Row.values("RESIZING", null, 1L),
                Row.values("AWAITING_APPROVAL", null, 1L),
                // Two replicas of service 7, one of service 9: two services, no VMs.
                Row.values("RUNNING", 7L, 2L),
                Row.values("DEPLOYING", 9L, 1L)));

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
