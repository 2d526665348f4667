package eu.federa.cloud.opennebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import eu.federa.cloud.HostSample;
import eu.federa.cloud.VmMonitoring;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code one.hostpool.monitoring}'s answer as OpenNebula 7 writes it (HostMonitoringTemplate). */
class HostMonitoringXmlTest {

  static final String ANSWER =
      "<MONITORING_DATA>"
          + "<MONITORING><TIMESTAMP>1764806400</TIMESTAMP><ID>3</ID>"
          + "<CAPACITY><FREE_CPU>1200</FREE_CPU><FREE_MEMORY>49152000</FREE_MEMORY>"
          + "<USED_CPU>400</USED_CPU><USED_MEMORY>16384000</USED_MEMORY></CAPACITY>"
          + "<SYSTEM><NETRX>0</NETRX><NETTX>0</NETTX></SYSTEM>"
          + "<NUMA_NODE><NODE_ID>0</NODE_ID></NUMA_NODE></MONITORING>"
          + "<MONITORING><TIMESTAMP>1764806430</TIMESTAMP><ID>3</ID><CAPACITY/></MONITORING>"
          + "<MONITORING><ID>4</ID><CAPACITY><USED_CPU>1</USED_CPU></CAPACITY></MONITORING>"
          + "</MONITORING_DATA>";

  @Test
  void eachRecordGivesTheHostsUseAtItsTime() {
    List<HostSample> samples = OneXml.hostMonitoring(ANSWER);

    assertThat(samples).hasSize(2).allMatch(s -> s.hostId() == 3);
    HostSample first = samples.get(0);
    assertThat(first.at()).isEqualTo(Instant.ofEpochSecond(1764806400));
    assertThat(first.cpuPercent()).isCloseTo(25.0, within(1e-9));
    assertThat(first.memoryPercent()).isCloseTo(25.0, within(1e-9));
    // A record without capacity figures has no utilisation (and is not taken in).
    assertThat(samples.get(1).cpuPercent()).isNaN();
  }

  /**
   * {@code one.vmpool.monitoring}'s records as OpenNebula 7's KVM probe fills them: a VM that holds
   * GPUs has {@code GPU_UTILIZATION} (its GPUs' mean) beside CPU and memory; others have none.
   */
  @Test
  void aVmsRecordCarriesItsGpuUtilisationWhenItHasOne() {
    List<VmMonitoring> records =
        OneXml.monitoring(
            "<MONITORING_DATA>"
                + "<MONITORING><TIMESTAMP>1764806400</TIMESTAMP><ID>12</ID><CPU>3.5</CPU>"
                + "<MEMORY>524288</MEMORY><GPU_COUNT>2</GPU_COUNT>"
                + "<GPU_UTILIZATION>87.25</GPU_UTILIZATION>"
                + "<GPU_MEMORY_UTILIZATION>40</GPU_MEMORY_UTILIZATION></MONITORING>"
                + "<MONITORING><TIMESTAMP>1764806430</TIMESTAMP><ID>13</ID><CPU>1</CPU>"
                + "<MEMORY>1024</MEMORY></MONITORING>"
                + "</MONITORING_DATA>");
    assertThat(records).hasSize(2);
    assertThat(records.get(0).vmId()).isEqualTo(12);
    assertThat(records.get(0).gpuPercent()).isCloseTo(87.25, within(1e-9));
    assertThat(records.get(1).gpuPercent()).isNaN();
  }

  @Test
  void anEmptyAnswerHasNoRecords() {
    assertThat(OneXml.hostMonitoring("<MONITORING_DATA/>")).isEmpty();
  }
}
