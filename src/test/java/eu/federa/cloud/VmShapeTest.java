package eu.federa.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmShapeTest {

  @Test
  void aSizeBecomesCpuVcpuAndMemory() {
    assertThat(VmShape.of(4, 8192).templateText())
        .isEqualTo("CPU = \"4\"\nVCPU = \"4\"\nMEMORY = \"8192\"\n");
  }

  @Test
  void gpusArePciRequestsOfTheDataCentreClassUnlessOneIsGiven() {
    assertThat(new VmShape(8, 65536, 2, null, Map.of()).templateText())
        .endsWith("PCI = [ CLASS = \"0302\" ]\nPCI = [ CLASS = \"0302\" ]\n");
    assertThat(new VmShape(8, 65536, 1, "0300", Map.of()).templateText())
        .endsWith("PCI = [ CLASS = \"0300\" ]\n");
  }

  @Test
  void applianceAttributesKeepTheirOrderAndCannotBreakOutOfTheirString() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("FEDERA_SERVICE", "TRAINING");
    attributes.put("FEDERA_DATASET", "s3://bucket/x\"\nCPU = \"64\\");
    String text = new VmShape(2, 4096, 0, null, attributes).templateText();
    assertThat(text)
        .contains("FEDERA_SERVICE = \"TRAINING\"\nFEDERA_DATASET = \"s3://bucket/xCPU = 64\"\n");
    assertThat(text.lines().filter(l -> l.startsWith("CPU"))).hasSize(1);
  }

  @Test
  void badShapesAndAttributeNamesAreRefused() {
    assertThatThrownBy(() -> VmShape.of(0, 1024)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VmShape(1, 1024, 0, null, Map.of("CPU = \"9\" X", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
