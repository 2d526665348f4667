package eu.federa.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap a piece of work takes, for benchmarks that must show bounded memory: the heap in use and
 * the old generation after collections, sampled every 20 ms from a collection before the work.
 */
public final class HeapSampler implements AutoCloseable {

  /** What was sampled: rises over the start, and the most in use, in MB. */
  public record Heap(long risePeakMb, long peakMb, long oldRiseMb) {}

  private final long heapBefore;
  private final long oldBefore;
  private final AtomicLong heapPeak;
  private final AtomicLong oldPeak;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

  private HeapSampler() {
    System.gc();
    heapBefore = heapUsed();
    oldBefore = oldGenAfterCollection();
    heapPeak = new AtomicLong(heapBefore);
    oldPeak = new AtomicLong(oldBefore);
    sampler.scheduleAtFixedRate(
        () -> {
          heapPeak.accumulateAndGet(heapUsed(), Math::max);
          oldPeak.accumulateAndGet(oldGenAfterCollection(), Math::max);
        },
        0,
        20,
        TimeUnit.MILLISECONDS);
  }

  public static HeapSampler start() {
    return new HeapSampler();
  }

  /** Stops sampling and answers what it saw. */
  public Heap stop() throws InterruptedException {
    sampler.shutdown();
    sampler.awaitTermination(5, TimeUnit.SECONDS);
    return new Heap(
        (heapPeak.get() - heapBefore) >> 20,
        heapPeak.get() >> 20,
        Math.max(0, oldPeak.get() - oldBefore) >> 20);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long oldGenAfterCollection() {
    long most = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP
          && pool.getName().contains("Old")
          && pool.getCollectionUsage() != null) {
        most = Math.max(most, pool.getCollectionUsage().getUsed());
      }
    }
    return most;
  }
}
