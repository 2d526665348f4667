package eu.federa.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
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
  void nicsReplaceTheTemplatesNetworksEachBehindItsSecurityGroup() {
    String text =
        VmShape.of(2, 2048)
            .connectedTo(List.of(new VmShape.Nic(12, 105), new VmShape.Nic(13, 105)))
            .templateText();
    assertThat(text)
        .endsWith(
            "NIC = [ NETWORK_ID = \"12\", SECURITY_GROUPS = \"105\" ]\n"
                + "NIC = [ NETWORK_ID = \"13\", SECURITY_GROUPS = \"105\" ]\n");
    assertThat(VmShape.of(2, 2048).templateText()).doesNotContain("NIC");
  }

  @Test
  void badShapesAndAttributeNamesAreRefused() {
    assertThatThrownBy(() -> VmShape.of(0, 1024)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VmShape(1, 1024, 0, null, Map.of("CPU = \"9\" X", "1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysGoIntoAContextThatKeepsTheTemplatesOwn() {
    VmShape shape =
        new VmShape(
            2, 4096, 0, null, Map.of(), List.of("ssh-ed25519 AAAA ana@laptop", "ssh-rsa BBBB ops"));
    Map<String, String> template = new LinkedHashMap<>();
    template.put("SET_HOSTNAME", "$NAME");
    template.put("SSH_PUBLIC_KEY", "$USER[SSH_PUBLIC_KEY]");
    template.put("START_SCRIPT", "echo \"hi\"");
    assertThat(shape.templateText(template))
        .endsWith(
            "CONTEXT = [\n"
                + "  SET_HOSTNAME = \"$NAME\",\n"
                + "  SSH_PUBLIC_KEY = \"ssh-ed25519 AAAA ana@laptop\nssh-rsa BBBB ops\",\n"
                + "  START_SCRIPT = \"echo \\\"hi\\\"\",\n"
                + "  NETWORK = \"YES\" ]\n");
    // Without keys the template's context is left alone: no CONTEXT at all.
    assertThat(VmShape.of(2, 4096).templateText(template)).doesNotContain("CONTEXT");
  }

  @Test
  void aKeyLineThatCouldEndTheQuotedValueIsRefused() {
    assertThatThrownBy(() -> new VmShape(1, 1024, 0, null, Map.of(), List.of("ssh-ed25519 A\" ]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VmShape(1, 1024, 0, null, Map.of(), List.of("a\nCPU = 99")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aContextValueIsWrittenBackAsOpenNebulaReadsIt() {
    // Stored by OpenNebula's lexer with its backslash-quote: written back unchanged.
    assertThat(VmShape.quotedAsStored("echo \\\"hi\\\"")).isEqualTo("echo \\\"hi\\\"");
    // A bare quote (set through XML) gets its backslash.
    assertThat(VmShape.quotedAsStored("say \"hi\"")).isEqualTo("say \\\"hi\\\"");
    VmShape shape = new VmShape(1, 1024, 0, null, Map.of(), List.of("ssh-ed25519 AAAA a"));
    Map<String, String> template = new LinkedHashMap<>();
    template.put("DIR", "C:\\");
    template.put("SET_HOSTNAME", "$NAME");
    // A final backslash would escape the closing quote: that attribute is left out.
    assertThat(shape.templateText(template))
        .doesNotContain("DIR")
        .contains("SET_HOSTNAME = \"$NAME\"");
  }

  @Test
  void aVmBootingFromAnImportedDiskReplacesTheTemplatesDisks() {
    assertThat(VmShape.of(2, 4096).bootingFrom(42).templateText())
        .isEqualTo("CPU = \"2\"\nVCPU = \"2\"\nMEMORY = \"4096\"\nDISK = [ IMAGE_ID = \"42\" ]\n");
    assertThat(VmShape.of(2, 4096).templateText()).doesNotContain("DISK");
    assertThat(VmShape.of(1, 1024).bootingFrom(7).connectedTo(List.of(new VmShape.Nic(3, 4))))
        .extracting(VmShape::bootImageId)
        .isEqualTo(7);
  }

  @Test
  void theBootDiskIsGrownToTheSizeOrderedAndTheTemplatesOtherDisksKept() {
    VmShape shape = VmShape.of(2, 4096).withDiskMib(20480);
    Map<String, String> swap = new java.util.LinkedHashMap<>();
    swap.put("TYPE", "swap");
    swap.put("SIZE", "1024");
    List<Map<String, String>> disks = List.of(Map.of("IMAGE_ID", "3"), swap);
    assertThat(shape.grownDisksText(disks, 2048))
        .isEqualTo(
            "DISK = [ IMAGE_ID = \"3\", SIZE = \"20480\" ]\n"
                + "DISK = [ TYPE = \"swap\", SIZE = \"1024\" ]\n");
    assertThat(shape.grownDisksText(disks, 40960)).as("its image is larger already").isEmpty();
    assertThat(VmShape.of(2, 4096).grownDisksText(disks, 2048)).as("no size asked").isEmpty();
    assertThat(shape.bootingFrom(42).templateText())
        .contains("DISK = [ IMAGE_ID = \"42\", SIZE = \"20480\" ]");
    assertThatThrownBy(() -> VmShape.of(1, 1024).withDiskMib(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
