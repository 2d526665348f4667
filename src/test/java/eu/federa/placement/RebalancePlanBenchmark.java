package eu.federa.placement;

import eu.federa.placement.RebalancePlanner.Host;
import eu.federa.placement.RebalancePlanner.Limits;
import eu.federa.placement.RebalancePlanner.Plan;
import eu.federa.placement.RebalancePlanner.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A rebalancing plan for 10,000 hosts and 100,000 VMs (issue #20, target at most 10 s on 2 cores):
 * 20 providers in 10 countries, 64-core hosts holding 1 to 16-vCPU VMs, each host's forecast peak
 * its allocation times a random busyness (a fixed seed), so that some hosts are predicted past 85 %
 * and some barely used; a third of the tenants allow moves between providers. The plan's predicted
 * improvement is printed. Run with bench/rebalance.sh; results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class RebalancePlanBenchmark {

  static final int HOSTS = 10_000;
  static final int VMS = 100_000;
  static final String[] COUNTRIES = {"FR", "DE", "PL", "PT", "FI", "IT", "NL", "ES", "HR", "SI"};

  List<Host> hosts;
  List<Vm> vms;
  Plan last;

  @Setup(Level.Trial)
  public void build() {
    Random random = new Random(20);
    double[] allocated = new double[HOSTS];
    vms = new ArrayList<>(VMS);
    for (int v = 0; v < VMS; v++) {
      int host;
      double vcpu;
      do {
        // Skewed: the first hosts of each provider are fuller than the others, and its last 50
        // barely used.
        int provider = random.nextInt(HOSTS / 500);
        host =
            provider * 500
                + (random.nextInt(100) == 0
                    ? 450 + random.nextInt(50)
                    : (int) (450 * Math.pow(random.nextDouble(), 1.6)));
        vcpu = 1 << random.nextInt(4);
      } while (allocated[host] + vcpu > 64);
      allocated[host] += vcpu;
      int tenant = random.nextInt(2_000);
      vms.add(
          new Vm(
              v,
              tenant,
              host,
              vcpu,
              20 + random.nextInt(200),
              random.nextInt(10) > 0,
              tenant % 3 == 0,
              tenant % 5 == 0 ? Set.of("FR", "DE") : Set.of()));
    }
    hosts = new ArrayList<>(HOSTS);
    for (int h = 0; h < HOSTS; h++) {
      int provider = h / 500;
      double share = 100 * allocated[h] / 64;
      double peak = Math.min(100, share * (0.4 + random.nextDouble() * 0.9));
      hosts.add(
          new Host(
              h,
              "host-" + h,
              provider,
              COUNTRIES[provider % COUNTRIES.length],
              64,
              64 - allocated[h],
              peak,
              h % 97 != 0));
    }
  }

  @Benchmark
  public Plan plan() {
    last = RebalancePlanner.plan(hosts, vms, new Limits(85, 75, 15, 100_000, 10_000, 1));
    return last;
  }

  @TearDown(Level.Trial)
  public void report() {
    Plan p = last;
    long hot =
        p.moves().stream().filter(m -> m.reason() == RebalancePlanner.Reason.HOT_SPOT).count();
    long across = p.moves().stream().filter(RebalancePlanner.Move::acrossProviders).count();
    System.out.printf(
        Locale.ROOT,
        "%nPlan for %,d hosts and %,d VMs: %,d moves (%,d relieving hot spots, %,d between"
            + " providers, %,d emptying %,d hosts); highest host peak %.1f %% -> %.1f %%; hosts"
            + " predicted past 85 %%: %,d -> %,d (%,d could not be relieved)%n",
        HOSTS,
        VMS,
        p.moves().size(),
        hot,
        across,
        p.moves().size() - hot,
        p.emptiedHosts().size(),
        p.highestPeakBefore(),
        p.highestPeakAfter(),
        p.hotBefore(),
        p.hotAfter(),
        p.stillHot().size());
  }
}
