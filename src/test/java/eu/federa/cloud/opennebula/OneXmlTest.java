package eu.federa.cloud.opennebula;

import static org.assertj.core.api.Assertions.assertThat;

import eu.federa.cloud.Host;
import eu.federa.cloud.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding of OpenNebula XML shapes written by hand from the API facts (shared/docs). */
class OneXmlTest {

  private static String fixture(String name) throws IOException {
    try (InputStream in = OneXmlTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void hostPoolWithGpusAndADisabledHost() throws IOException {
    List<Host> hosts = OneXml.pool(fixture("host-pool.xml"), "HOST", OneXml::host);

    assertThat(hosts).hasSize(2);
    Host gpu = hosts.get(0);
    assertThat(gpu.name()).isEqualTo("waw-gpu-02");
    assertThat(gpu.clusterName()).isEqualTo("warsaw-gpu");
    assertThat(gpu.totalCores()).isEqualTo(62.0);
    assertThat(gpu.freeCores()).isEqualTo(46.0);
    assertThat(gpu.totalMemoryMib()).isEqualTo(515072);
    assertThat(gpu.freeMemoryMib()).isEqualTo(515072 - 65536);
    assertThat(gpu.freeDiskMib()).isEqualTo(3811421);
    assertThat(gpu.pciDevices()).hasSize(3);
    assertThat(gpu.gpus()).hasSize(2);
    assertThat(gpu.freeGpuCount()).isEqualTo(1);
    assertThat(gpu.gpus().get(1).vmId()).isEqualTo(1234);
    assertThat(gpu.gpus().get(0).deviceName()).isEqualTo("GH100 [H100 SXM5 80GB]");

    Host disabled = hosts.get(1);
    assertThat(disabled.state().name()).isEqualTo("DISABLED");
    assertThat(disabled.state().takesNewVms()).isFalse();
    assertThat(disabled.gpus()).isEmpty();
  }

  @Test
  void vmWithUnknownLcmStateNicsHistoryAndFederaAttributes() throws IOException {
    VirtualMachine vm = OneXml.single(fixture("vm.xml"), OneXml::vm);

    assertThat(vm.id()).isEqualTo(1234);
    assertThat(vm.userName()).isEqualTo("federa-acme");
    assertThat(vm.state().name()).isEqualTo("ACTIVE");
    assertThat(vm.lcmState().name()).isEqualTo("unknown (99)");
    assertThat(vm.lcmState().isKnown()).isFalse();
    assertThat(vm.displayState()).isEqualTo("ACTIVE/unknown (99)");
    assertThat(vm.cpu()).isEqualTo(8.0);
    assertThat(vm.vcpu()).isEqualTo(16);
    assertThat(vm.memoryMib()).isEqualTo(65536);
    assertThat(vm.ips()).containsExactly("10.20.0.17", "192.168.5.4");
    assertThat(vm.startTime()).isEqualTo(Instant.ofEpochSecond(1794297600));
    assertThat(vm.endTime()).isNull();
    assertThat(vm.userTemplate()).containsEntry("FEDERA_ORDER_ID", "ord-7f3a");
    assertThat(vm.hostName()).isEqualTo("waw-gpu-02");
    assertThat(vm.history())
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.prologEnd()).isEqualTo(Instant.ofEpochSecond(1794297660));
              assertThat(h.runningStart()).isEqualTo(Instant.ofEpochSecond(1794297690));
              assertThat(h.runningEnd()).isNull();
            });
  }

  @Test
  void unknownVmStateCodeIsShownNotThrown() {
    VirtualMachine vm =
        OneXml.single("<VM><ID>1</ID><STATE>42</STATE><LCM_STATE>0</LCM_STATE></VM>", OneXml::vm);
    assertThat(vm.displayState()).isEqualTo("unknown (42)");
  }
}
