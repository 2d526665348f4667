package eu.federa.platform.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TickerTest {

  private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2);

  /** The server's scheduler, played by a plain one. */
  private final ManagedScheduledExecutorService scheduler =
      (ManagedScheduledExecutorService)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {ManagedScheduledExecutorService.class},
              (proxy, method, args) -> method.invoke(pool, args));

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Test
  void aFailedRunIsLeftToTheNextTick() throws Exception {
    Ticker ticker = new Ticker(Logger.getLogger("test"));
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch third = new CountDownLatch(3);
    ticker.every(
        scheduler,
        0,
        1,
        "failing work",
        () -> {
          runs.incrementAndGet();
          third.countDown();
          throw new IllegalStateException("provider down");
        });
    assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
    ticker.stop();
    int after = runs.get();
    // No run after stop, watched for longer than the one-second period.
    await()
        .pollInterval(Duration.ofMillis(50))
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> runs.get() == after);
  }

  /**
   * A commit that fails (a deadlock found at the flush) reaches the caller of a {@code
   * Transactional} method as the interceptor's checked {@code RollbackException}, which the method
   * does not declare. Such a run is a failed run too: the ticks go on (a scheduled task that throws
   * is never run again, and the node's worker would be gone until a restart).
   */
  @Test
  void aRunEndedByAnUndeclaredCheckedExceptionIsLeftToTheNextTickToo() throws Exception {
    Ticker ticker = new Ticker(Logger.getLogger("test"));
    CountDownLatch third = new CountDownLatch(3);
    ticker.every(
        scheduler,
        0,
        1,
        "work whose commit fails",
        () -> {
          third.countDown();
          TickerTest.<RuntimeException>sneaky(
              new jakarta.transaction.RollbackException("Deadlock found when trying to get lock"));
        });
    assertThat(third.await(10, TimeUnit.SECONDS)).as("three runs, each failing").isTrue();
    ticker.stop();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneaky(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void stopWaitsForTheRunInFlightAndTellsItToStop() throws Exception {
    Ticker ticker = new Ticker(Logger.getLogger("test"));
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean sawStopping = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    ticker.every(
        scheduler,
        0,
        1,
        "slow work",
        () -> {
          started.countDown();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (!ticker.stopping() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
          sawStopping.set(ticker.stopping());
          finished.set(true);
        });
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    ticker.stop();
    assertThat(finished).isTrue();
    assertThat(sawStopping).isTrue();
  }
}
