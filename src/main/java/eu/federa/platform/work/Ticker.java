package eu.federa.platform.work;

import eu.federa.platform.log.LogContext;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node's periodic background work: each task runs with a fixed delay, never twice at once on this
 * node, and a failed run is logged and left to the next tick. The work itself is claimed from the
 * database (other nodes run the same ticks); nothing of it is kept here. {@link #stop} lets the
 * runs in flight finish, so that what they claimed is written before the application goes away.
 */
public final class Ticker {

  private final Logger log;
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
  private final List<ReentrantLock> inFlight = new ArrayList<>();
  private volatile boolean stopping;

  public Ticker(Logger log) {
    this.log = log;
  }

  /** Runs {@code work} every {@code period} after {@code initialDelay}, seconds. */
  public void every(
      ManagedScheduledExecutorService scheduler,
      long initialDelaySeconds,
      long periodSeconds,
      String what,
      Runnable work) {
    every(
        scheduler,
        Duration.ofSeconds(initialDelaySeconds),
        Duration.ofSeconds(periodSeconds),
        what,
        work);
  }

  /** Runs {@code work} every {@code period} after {@code initialDelay}. */
  public synchronized void every(
      ManagedScheduledExecutorService scheduler,
      Duration initialDelay,
      Duration period,
      String what,
      Runnable work) {
    ReentrantLock running = new ReentrantLock();
    inFlight.add(running);
    scheduled.add(
        scheduler.scheduleWithFixedDelay(
            () -> {
              if (stopping || !running.tryLock()) {
                return;
              }
              // A run names no tenant, order or incident of the thread's earlier work.
              try (LogContext run =
                  LogContext.with(LogContext.TENANT, null)
                      .and(LogContext.ORDER, null)
                      .and(LogContext.INCIDENT, null)) {
                work.run();
              } catch (Exception e) {
                // Checked ones too: a commit that fails reaches the work as the transaction
                // interceptor's undeclared RollbackException. A task that throws is never
                // scheduled again, which would end this node's worker until a restart.
                log.log(Level.WARNING, what + " failed; the next tick retries", e);
              } finally {
                running.unlock();
              }
            },
            initialDelay.toMillis(),
            period.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  /** Whether the application is stopping: a run should hand back what it has not started. */
  public boolean stopping() {
    return stopping;
  }

  /** No new run starts; waits up to 30 seconds for each run in flight. */
  public synchronized void stop() {
    stopping = true;
    scheduled.forEach(f -> f.cancel(false));
    try {
      for (ReentrantLock running : inFlight) {
        if (running.tryLock(30, TimeUnit.SECONDS)) {
          running.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
