package eu.federa.ai.api;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads the gateway's requests run on, from the moment Undertow has read them: a call holds
 * one for its whole length (the replica's answer, a stream to its end), never one of the web
 * server's workers, so a thousand long streams leave the portal's pages their threads. Undertow
 * hands each request of the gateway's servlet to this executor itself ({@link GatewayPath}); the
 * servlet then answers on the same thread, with no further hand-over (an asynchronous servlet went
 * through three threads, each a wake-up that a busy machine may delay).
 *
 * <p>{@link Gateway} starts it when the deployment starts (with the server's managed thread
 * factory) and stops it on undeploy. Up to {@code callLimit} calls are relayed at once (more are
 * answered 503 by the servlet, in OpenAI's shape); {@link #HEADROOM} more threads serve those
 * answers and the short requests (models, refusals). Beyond that, Undertow answers 503 itself.
 */
public final class GatewayThreads implements Executor {

  /** Threads beyond the call limit, for the answers that take no replica. */
  static final int HEADROOM = 64;

  private volatile ThreadPoolExecutor pool;

  /** Starts the pool; idle threads end after 30 s. */
  synchronized void start(ThreadFactory threads, int callLimit) {
    if (pool == null) {
      pool =
          new ThreadPoolExecutor(
              0, callLimit + HEADROOM, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
    }
  }

  synchronized void stop() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }

  /**
   * Runs a request of the gateway.
   *
   * @throws RejectedExecutionException when not started, or every thread is busy (Undertow then
   *     answers 503)
   */
  @Override
  public void execute(Runnable request) {
    ThreadPoolExecutor running = pool;
    if (running == null) {
      throw new RejectedExecutionException("The gateway is not started");
    }
    running.execute(request);
  }
}
