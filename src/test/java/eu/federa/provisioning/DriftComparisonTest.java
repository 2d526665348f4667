package eu.federa.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import eu.federa.provisioning.DriftComparison.Counted;
import eu.federa.provisioning.DriftComparison.Explanation;
import eu.federa.provisioning.DriftComparison.Kind;
import eu.federa.provisioning.DriftComparison.ProviderVm;
import eu.federa.provisioning.DriftComparison.Result;
import eu.federa.provisioning.DriftComparison.Shape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftComparisonTest {

  private static final List<String> MODELS = List.of("H100", "L40S", "H100 NVL");

  private static Counted order(long id, Integer vm, String model, Shape counted) {
    return new Counted(
        id, "vm-" + id, vm, model, counted, counted.equals(Shape.NONE) ? 0 : 1, counted);
  }

  private static Shape shape(int vcpu, long memoryMib, int diskGib, Map<String, Integer> gpus) {
    return new Shape(vcpu, memoryMib, diskGib, gpus);
  }

  private static ProviderVm vm(int id, int vcpu, long memoryMib, int diskGib, String... gpus) {
    return new ProviderVm(id, "one-" + id, vcpu, memoryMib, diskGib, List.of(gpus), false);
  }

  @Test
  void anOrderWhoseVmIsWhatFederaCountsMakesNoDifference() {
    Result r =
        DriftComparison.compare(
            List.of(order(1, 10, "H100", shape(16, 131072, 200, Map.of("H100", 1)))),
            List.of(vm(10, 16, 131072, 200, "NVIDIA H100 PCIe")),
            Set.of(),
            MODELS);
    assertThat(r.agrees()).isTrue();
    assertThat(r.explanations()).isEmpty();
    assertThat(r.provider().gpus()).containsExactly(Map.entry("H100", 1));
  }

  @Test
  void aVmNoOrderOwnsIsUnknownItsGpusNamedByTheLongestKnownModel() {
    Result r =
        DriftComparison.compare(
            List.of(),
            List.of(vm(11, 4, 8192, 30, "GH100 [H100 NVL]", "AD102GL [L40S]")),
            Set.of(),
            MODELS);
    assertThat(r.agrees()).isFalse();
    assertThat(r.providerVms()).isEqualTo(1);
    assertThat(r.provider().diskGib()).isEqualTo(30);
    assertThat(r.provider().gpus())
        .containsExactlyInAnyOrderEntriesOf(Map.of("H100 NVL", 1, "L40S", 1));
    assertThat(r.explanations())
        .extracting(Explanation::kind, Explanation::vmId, Explanation::orderId)
        .containsExactly(tuple(Kind.UNKNOWN, 11, null));
  }

  @Test
  void aDeviceNoModelNamesCountsUnderItsOwnName() {
    assertThat(DriftComparison.modelOf("Instinct MI300X", null, false, MODELS))
        .isEqualTo("Instinct MI300X");
    assertThat(DriftComparison.modelOf("  ", null, false, MODELS)).isEqualTo("?");
    assertThat(DriftComparison.modelOf("MI300X\n\t2 x", null, false, MODELS))
        .as("on one line, as it is stored")
        .isEqualTo("MI300X 2 x");
  }

  @Test
  void aForeignVmIsLeftOutAndATaggedOneIsAnOrphan() {
    ProviderVm tagged = new ProviderVm(13, "left", 1, 256, 2, List.of(), true);
    Result r =
        DriftComparison.compare(
            List.of(), List.of(vm(12, 2, 2048, 10), tagged), Set.of(12), MODELS);
    assertThat(r.providerVms()).isEqualTo(1);
    assertThat(r.provider().vcpu()).isEqualTo(1);
    assertThat(r.explanations())
        .extracting(Explanation::kind, Explanation::vmId)
        .containsExactly(tuple(Kind.ORPHAN, 13));
  }

  @Test
  void anOrderCountedWhoseVmIsMissingIsGoneAndOneNotCountedIsUncounted() {
    Shape small = shape(2, 4096, 20, Map.of());
    Result r =
        DriftComparison.compare(
            List.of(
                order(1, 20, null, small), new Counted(2, "vm-2", 21, null, Shape.NONE, 0, small)),
            List.of(vm(21, 2, 4096, 20)),
            Set.of(),
            MODELS);
    assertThat(r.federaVms()).isEqualTo(1);
    assertThat(r.providerVms()).isEqualTo(1);
    assertThat(r.explanations())
        .extracting(Explanation::kind, Explanation::vmId, Explanation::orderId)
        .containsExactly(tuple(Kind.GONE, 20, 1L), tuple(Kind.UNCOUNTED, 21, 2L));
  }

  @Test
  void aVmWithAnotherDiskOrAnotherGpuModelThanItsOrderIsDifferent() {
    Result r =
        DriftComparison.compare(
            List.of(
                order(1, 30, null, shape(2, 4096, 20, Map.of())),
                order(2, 31, "H100", shape(16, 131072, 200, Map.of("H100", 1)))),
            List.of(vm(30, 2, 4096, 25), vm(31, 16, 131072, 200, "AD102GL [L40S]")),
            Set.of(),
            MODELS);
    assertThat(r.explanations())
        .extracting(Explanation::kind, Explanation::orderId)
        .containsExactly(tuple(Kind.DIFFERENT, 1L), tuple(Kind.DIFFERENT, 2L));
    assertThat(r.federa().gpus()).containsExactly(Map.entry("H100", 1));
    assertThat(r.provider().gpus()).containsExactly(Map.entry("L40S", 1));
    assertThat(r.provider().diskGib() - r.federa().diskGib()).isEqualTo(5);
  }

  @Test
  void anOrderThatTookAnyModelCountsItsDeviceAsAnyModel() {
    Result r =
        DriftComparison.compare(
            List.of(order(1, 40, null, shape(8, 65536, 100, Map.of("", 1)))),
            List.of(vm(40, 8, 65536, 100, "AD102GL [L40S]")),
            Set.of(),
            MODELS);
    assertThat(r.agrees()).isTrue();
  }

  @Test
  void gpusByModelSurviveTheirStoredText() {
    Shape s = shape(0, 0, 0, Map.of("H100", 2, "", 1, "GA100 [A100, 40GB]", 3));
    assertThat(Shape.gpusOf(s.gpuText())).isEqualTo(s.gpus());
    assertThat(Shape.gpusOf("")).isEmpty();
    assertThat(shape(0, 0, 0, Map.of("H100", 0)).gpus()).as("no zero counts").isEmpty();
  }

  @Test
  void aForeignVmAnOrderOwnsSinceIsCountedAgain() {
    Result r =
        DriftComparison.compare(
            List.of(order(1, 50, null, shape(2, 2048, 10, Map.of()))),
            List.of(vm(50, 2, 2048, 10)),
            Set.of(50),
            MODELS);
    assertThat(r.agrees()).isTrue();
  }

  @Test
  void aCountThatDiffersFromItsOrderIsUncountedAndRecountedNotDifferent() {
    Shape ordered = shape(4, 8192, 50, Map.of());
    Result r =
        DriftComparison.compare(
            List.of(new Counted(1, "vm-1", 60, null, shape(2, 4096, 20, Map.of()), 1, ordered)),
            List.of(vm(60, 4, 8192, 50)),
            Set.of(),
            MODELS);
    assertThat(r.explanations()).extracting(Explanation::kind).containsExactly(Kind.UNCOUNTED);
  }
}
