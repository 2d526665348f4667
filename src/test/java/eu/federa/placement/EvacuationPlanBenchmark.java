package eu.federa.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plan of evacuating a provider (issue #16): 2,000 VMs of 200 tenants, each tenant with its own
 * residency (one to three of ten countries), placed one after the other with {@link
 * SequencePlanner} onto the other providers of a 10,000-host federation (20 providers of 500 hosts,
 * the evacuated one excluded), each VM seeing the capacity the ones before it took. Sizes come from
 * a catalog of five; prices per provider and size. The goal is at most 5 s per plan. Run with
 * bench/evacuation.sh; results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class EvacuationPlanBenchmark {

  private static final String[] COUNTRIES = {
    "FR", "DE", "PL", "PT", "FI", "IT", "ES", "NL", "SE", "AT"
  };

  /** vCPU, memory MiB, disk GiB of the catalog's sizes. */
  private static final long[][] SIZES = {
    {1, 2048, 20}, {2, 4096, 40}, {4, 8192, 80}, {8, 32768, 160}, {16, 65536, 320}
  };

  List<Candidate> inventory;
  List<PlacementRequest> requests;
  Map<String, Map<Long, BigDecimal>> prices;
  final SequencePlanner planner = new SequencePlanner(new Placer(LatencyModel.DEFAULT));

  @Setup(Level.Trial)
  public void build() {
    Random random = new Random(16);
    inventory = new ArrayList<>(10_000);
    for (int h = 0; h < 10_000; h++) {
      int provider = h / 500;
      inventory.add(
          new Candidate(
              h,
              0,
              "host-" + h,
              provider * 10,
              "cluster-" + provider,
              provider,
              "Provider " + provider,
              COUNTRIES[provider % COUNTRIES.length],
              Set.of("ISO 27001"),
              false,
              new GeoPoint(40 + random.nextDouble() * 20, -5 + random.nextDouble() * 30),
              true,
              true,
              8 + random.nextInt(56),
              (16 + random.nextInt(496)) * 1024L,
              (200 + random.nextInt(3800)) * 1024L,
              64,
              List.of(),
              null,
              false,
              0,
              null));
    }
    prices = new HashMap<>();
    for (long[] size : SIZES) {
      Map<Long, BigDecimal> byProvider = new HashMap<>();
      for (long p = 0; p < 20; p++) {
        byProvider.put(
            p,
            new BigDecimal("0.010")
                .multiply(BigDecimal.valueOf(size[0]))
                .add(BigDecimal.valueOf(random.nextInt(20), 3)));
      }
      prices.put(key(size[0], size[1], size[2]), byProvider);
    }
    // The evacuated provider is provider 0; each tenant's residency holds one to three countries.
    requests = new ArrayList<>(2_000);
    for (int tenant = 0; tenant < 200; tenant++) {
      Set<String> residency = new java.util.HashSet<>();
      for (int c = random.nextInt(3) + 1; c > 0; c--) {
        residency.add(COUNTRIES[random.nextInt(COUNTRIES.length)]);
      }
      for (int vm = 0; vm < 10; vm++) {
        long[] size = SIZES[random.nextInt(SIZES.length)];
        requests.add(
            PlacementRequest.of(size[0], size[1], size[2])
                .inCountries(residency)
                .providers(Set.of(), Set.of(0L)));
      }
    }
  }

  private static String key(double vcpu, long memoryMib, long diskGib) {
    return (long) vcpu + "/" + memoryMib + "/" + diskGib;
  }

  @Benchmark
  public List<Decision> planTwoThousandMoves() {
    return planner.planEach(
        requests, inventory, r -> prices.get(key(r.vcpu(), r.memoryMib(), r.diskGib())));
  }
}
