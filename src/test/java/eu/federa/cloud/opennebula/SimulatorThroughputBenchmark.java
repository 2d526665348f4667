package eu.federa.cloud.opennebula;

import eu.federa.cloud.VirtualMachine;
import eu.federa.cloud.simulator.OpenNebulaSimulator;
import eu.federa.cloud.simulator.SimulatedCloud;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second the simulator answers for one.vm.info over real HTTP on loopback, client and
 * server sharing the 2 cores, with 2 client threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(2)
public class SimulatorThroughputBenchmark {

  OpenNebulaSimulator simulator;
  OpenNebulaClient client;
  int vms = 1000;

  @Setup(Level.Trial)
  public void start() throws Exception {
    SimulatedCloud cloud = new SimulatedCloud(0, "bench", "pw", Clock.systemUTC());
    cloud.addHost("host-0", cloud.addCluster("a"), 64, 262144, 4_000_000);
    simulator = OpenNebulaSimulator.start(cloud, 0);
    client = DecodeBenchmark.client(simulator);
    for (int i = 0; i < vms; i++) {
      client.allocateVm("NAME=\"vm-" + i + "\"\nCPU=\"1\"\nMEMORY=\"512\"\n", true);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    simulator.close();
  }

  @Benchmark
  public VirtualMachine vmInfo() {
    return client.vm(ThreadLocalRandom.current().nextInt(vms));
  }
}
