package eu.federa.cloud.opennebula;

import eu.federa.cloud.Host;
import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding cost of big pools: a 2,000-host HOST_POOL (a tenth with 4 GPUs) and a 20,000-VM VM_POOL
 * (short bodies), as the simulator renders them in OpenNebula's format. Run with bench/cloud.sh;
 * results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

  String hostPoolXml;
  String vmPoolXml;

  @Setup(Level.Trial)
  public void render() throws Exception {
    SimulatedCloud cloud = new SimulatedCloud(0, "bench", "pw", Clock.systemUTC());
    int cluster = cloud.addCluster("bench-a");
    for (int i = 0; i < 2000; i++) {
      int host = cloud.addHost("host-" + i, cluster, 64, 262144, 4_000_000);
      if (i % 10 == 0) {
        for (int g = 0; g < 4; g++) {
          cloud.addGpu(host, "10de", "2330", "H100 SXM5 80GB", "0302");
        }
      }
    }
    cloud.addNetwork("public", "10.0.0.1", 30000);
    try (OpenNebulaSimulator simulator = OpenNebulaSimulator.start(cloud, 0)) {
      OpenNebulaClient client = client(simulator);
      for (int i = 0; i < 20000; i++) {
        client.allocateVm(
            "NAME=\"vm-"
                + i
                + "\"\nCPU=\"1\"\nVCPU=\"2\"\nMEMORY=\"2048\"\nNIC=[NETWORK_ID=\"0\"]\n",
            true);
      }
      hostPoolXml = (String) client.call("one.hostpool.info");
      vmPoolXml = (String) client.call("one.vmpool.info", -2, -1, -1, -2);
    }
  }

  static OpenNebulaClient client(OpenNebulaSimulator simulator) {
    CallGuard unlimited =
        new CallGuard(
            new CallGuard.Settings(1_000_000, 1, Duration.ZERO, 1_000_000, Duration.ofSeconds(1)),
            Clock.systemUTC(),
            d -> {});
    return new OpenNebulaClient(
        new Endpoint(simulator.endpoint(), "oneadmin", "pw"),
        HttpClient.newHttpClient(),
        Duration.ofSeconds(120),
        unlimited);
  }

  @Benchmark
  public List<Host> decodeHostPool2000() {
    return OneXml.pool(hostPoolXml, "HOST", OneXml::host);
  }

  @Benchmark
  public List<VirtualMachine> decodeVmPool20000() {
    return OneXml.pool(vmPoolXml, "VM", OneXml::vm);
  }
}
