package eu.federa.cloud.opennebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import eu.federa.cloud.HostSample;
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

  @Test
  void anEmptyAnswerHasNoRecords() {
    assertThat(OneXml.hostMonitoring("<MONITORING_DATA/>")).isEmpty();
  }
}
