package eu.federa.placement;

import eu.federa.placement.Candidate.Gpu;
import eu.federa.placement.LatencyModel.Site;
import eu.federa.placement.PlacementRequest.Strategy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placement decisions over 10,000 hosts of 20 providers in 10 countries (a tenth of the hosts with
 * 4 to 8 GPUs of three models, free capacity random but seeded), for a rotating mix of requests:
 * CPU-only, GPU with a country restriction, latency-bound edge, 3 instances spread over providers.
 * Run with bench/placement.sh; results in docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlacementBenchmark {

  private static final String[] COUNTRIES = {
    "FR", "DE", "PL", "PT", "FI", "IT", "ES", "NL", "SE", "AT"
  };
  private static final String[] MODELS = {"H100 SXM5 80GB", "A100 SXM4 80GB", "L40S 48GB"};

  List<Candidate> inventory;
  List<PlacementRequest> requests;
  final Placer placer = new Placer(LatencyModel.DEFAULT);
  final AtomicInteger next = new AtomicInteger();

  @Setup(Level.Trial)
  public void build() {
    Random random = new Random(42);
    inventory = new ArrayList<>(10_000);
    for (int h = 0; h < 10_000; h++) {
      int provider = h / 500; // grouped by provider, as HostCapacities returns them
      String country = COUNTRIES[provider % COUNTRIES.length];
      List<Gpu> gpus = new ArrayList<>();
      if (h % 10 == 0) {
        String model = MODELS[random.nextInt(MODELS.length)];
        for (int g = random.nextInt(5) + 4; g > 0; g--) {
          if (random.nextInt(3) > 0) {
            gpus.add(new Gpu(String.format("%02x:00.0", 0x40 + g), "0302", model));
          }
        }
      }
      inventory.add(
          new Candidate(
              h,
              0,
              "host-" + h,
              provider * 10,
              "cluster-" + provider,
              provider,
              "Provider " + provider,
              country,
              provider % 3 == 0 ? Set.of("ISO 27001", "SecNumCloud") : Set.of("ISO 27001"),
              provider % 7 == 0,
              new GeoPoint(40 + random.nextDouble() * 20, -5 + random.nextDouble() * 30),
              provider != 13,
              random.nextInt(50) > 0,
              random.nextInt(64),
              random.nextInt(512) * 1024L,
              random.nextInt(4000) * 1024L,
              64,
              gpus,
              new BigDecimal("0.0" + (10 + random.nextInt(80))),
              false,
              // Each provider's grid intensity × PUE, from a Swedish to a Polish grid.
              20 + (provider * 137) % 1100,
              // Every host forecast, as after two weeks of history.
              (double) random.nextInt(100)));
    }
    Site paris = new Site("Paris", new GeoPoint(48.8566, 2.3522));
    requests =
        List.of(
            PlacementRequest.of(4, 16384, 100),
            PlacementRequest.of(16, 131072, 500)
                .withGpus(2, "0302", "H100")
                .inCountries(Set.of("FR", "DE", "NL")),
            PlacementRequest.of(2, 4096, 20)
                .near(paris, 15, true)
                .preferring(Strategy.LOWEST_LATENCY),
            PlacementRequest.of(8, 32768, 200)
                .withInstances(3, PlacementRequest.AntiAffinity.PROVIDERS)
                .certified(Set.of("SecNumCloud"))
                .preferring(Strategy.SPREAD));
  }

  private Decision decideOne() {
    PlacementRequest request = requests.get(Math.floorMod(next.getAndIncrement(), requests.size()));
    return placer.place(request, inventory, Weights.of(request.strategy()));
  }

  @Benchmark
  @Threads(1)
  public Decision oneThread() {
    return decideOne();
  }

  @Benchmark
  @Threads(2)
  public Decision twoThreads() {
    return decideOne();
  }
}
