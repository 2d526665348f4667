package eu.federa.cloud.simulator;

import com.sun.net.httpserver.HttpServer;
import eu.federa.cloud.registry.DiskExports;
import eu.federa.cloud.registry.ResumableCopy;
import eu.federa.platform.http.ByteRange;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A moving disk's bytes through Federa (issue #16), measured: a simulated provider's marketplace
 * serves a disk of real bytes; Federa's copy ({@link ResumableCopy} over {@link DiskExports#open},
 * the move's own code) writes it to a file; Federa serves that file as its signed link does ({@link
 * ByteRange#send}) to a downloader standing for the target's datastore. Prints each leg's
 * throughput and the highest heap in use, which stays far below the disk's size (streamed, never
 * held). Run with bench/transfer.sh [MiB]; results in docs/performance.md.
 */
public final class DiskTransferBench {

  private DiskTransferBench() {}

  public static void main(String[] args) throws Exception {
    long mib = args.length > 0 ? Long.parseLong(args[0]) : 2048;
    SimulatedCloud cloud = new SimulatedCloud(0, "bench-zone", "bench-secret", Clock.systemUTC());
    cloud.setBytesPerMib(1024 * 1024);
    int appId = cloud.addMarketApp("bench-disk", mib, "1");
    Path dir = Files.createTempDirectory("federa-transfer-bench");
    Path part = dir.resolve("move.qcow2.part");
    AtomicLong peakHeap = new AtomicLong();
    ScheduledExecutorService sampler = sampler(peakHeap);
    try (OpenNebulaSimulator source = OpenNebulaSimulator.start(cloud, 0)) {
      String url;
      synchronized (cloud) {
        SimModel.MarketApp app = cloud.marketApps.get(appId);
        app.source = cloud.marketBaseUrl + "/app-" + appId;
        url = app.source;
      }
      DiskExports exports = new DiskExports();
      long start = System.nanoTime();
      long copied = ResumableCopy.into(part, from -> exports.open(url, from), done -> {}, "bench");
      double intoFedera = seconds(start);

      HttpServer federa =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      federa.createContext(
          "/disks/moves/1",
          exchange -> {
            long size = Files.size(part);
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, size);
            try (OutputStream out = exchange.getResponseBody()) {
              ByteRange.send(part, 0, size, out);
            }
          });
      federa.start();
      try {
        HttpClient target = HttpClient.newHttpClient();
        start = System.nanoTime();
        HttpResponse<InputStream> answer =
            target.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + federa.getAddress().getPort() + "/disks/moves/1"))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long downloaded;
        try (InputStream in = answer.body()) {
          downloaded = in.transferTo(OutputStream.nullOutputStream());
        }
        double outOfFedera = seconds(start);
        sampler.shutdownNow();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(
            Locale.ROOT,
            "disk %d MiB%nsource -> Federa: %d bytes in %.2f s, %.0f MB/s%n"
                + "Federa -> target: %d bytes in %.2f s, %.0f MB/s%n"
                + "heap: highest in use %d MiB of at most %d MiB%n",
            mib,
            copied,
            intoFedera,
            copied / 1e6 / intoFedera,
            downloaded,
            outOfFedera,
            downloaded / 1e6 / outOfFedera,
            peakHeap.get() / (1024 * 1024),
            maxHeap / (1024 * 1024));
      } finally {
        federa.stop(0);
      }
    } finally {
      Files.deleteIfExists(part);
      Files.deleteIfExists(dir);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** Samples the heap in use every 50 ms into {@code peak}, until shut down. */
  private static ScheduledExecutorService sampler(AtomicLong peak) {
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heap-sampler");
              t.setDaemon(true);
              return t;
            });
    var memory = ManagementFactory.getMemoryMXBean();
    sampler.scheduleAtFixedRate(
        () -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
        0,
        50,
        TimeUnit.MILLISECONDS);
    return sampler;
  }
}
