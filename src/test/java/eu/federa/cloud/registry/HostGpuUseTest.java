package eu.federa.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import eu.federa.cloud.Host;
import eu.federa.cloud.HostState;
import eu.federa.cloud.PciDevice;
import eu.federa.cloud.VmMonitoring;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A GPU host's GPU use, derived from the monitoring of the VMs that hold its GPUs (issue #20). */
class HostGpuUseTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  private static PciDevice gpu(int vmId) {
    return new PciDevice(
        "0000:41:00.0", "41:00.0", "10de", "NVIDIA", "20b5", "A100", "0302", "3D controller", vmId);
  }

  private static Host host(int id, List<PciDevice> pci) {
    return new Host(id, "h" + id, HostState.of(2), 0, "c", 3200, 0, 1 << 24, 0, 0, 0, pci);
  }

  private static VmMonitoring record(int vmId, long secondsAfter, double gpu) {
    return new VmMonitoring(vmId, T0.plusSeconds(secondsAfter), 5, 1024, gpu);
  }

  @Test
  void eachGpuCountsItsVmsMeanAndAFreeGpuCountsNothing() {
    Host fourGpus = host(1, List.of(gpu(7), gpu(7), gpu(8), gpu(-1)));
    Host noGpus = host(2, List.of());
    Map<String, HostUtilisationHistory.GpuUse> use =
        HostUtilisationHistory.gpuPercent(
            List.of(fourGpus, noGpus),
            List.of(
                record(7, 30, 80),
                record(7, 90, 60), // VM 7: 70 % over its two GPUs
                record(8, 60, 40),
                record(9, 120, Double.NaN), // a VM without GPUs reported: these five minutes count
                record(7, 330, 100)), // the next five minutes: VM 8 did not report
            null);
    assertThat(use).containsOnlyKeys("1@" + T0, "1@" + T0.plusSeconds(300));
    HostUtilisationHistory.GpuUse first = use.get("1@" + T0);
    assertThat(first.percent()).isCloseTo((70 + 70 + 40 + 0) / 4.0, within(1e-9));
    // The three GPUs held: their use added up, counted three times.
    assertThat(first.heldUse()).isCloseTo(70 + 70 + 40, within(1e-9));
    assertThat(first.held()).isEqualTo(3);
    HostUtilisationHistory.GpuUse next = use.get("1@" + T0.plusSeconds(300));
    assertThat(next.percent()).isCloseTo((100 + 100) / 4.0, within(1e-9));
    // VM 8's GPU is held but VM 8 said nothing: only VM 7's two count as held and measured.
    assertThat(next.heldUse() / next.held()).isCloseTo(100, within(1e-9));
  }

  @Test
  void recordsAlreadyTakenInAndOutOfRangeFiguresAreNotCounted() {
    Host host = host(1, List.of(gpu(7)));
    Map<String, HostUtilisationHistory.GpuUse> use =
        HostUtilisationHistory.gpuPercent(
            List.of(host),
            List.of(record(7, 10, 90), record(7, 200, 150), record(7, 400, 50)),
            T0.plusSeconds(60));
    // The record at 10 s was taken in by an earlier read; 150 % is read as 100 %.
    assertThat(use.get("1@" + T0).percent()).isCloseTo(100, within(1e-9));
    assertThat(use.get("1@" + T0.plusSeconds(300)).percent()).isCloseTo(50, within(1e-9));
  }

  @Test
  void withoutAnyVmRecordsThereAreNoGpuFigures() {
    assertThat(
            HostUtilisationHistory.gpuPercent(List.of(host(1, List.of(gpu(7)))), List.of(), null))
        .isEmpty();
  }
}
