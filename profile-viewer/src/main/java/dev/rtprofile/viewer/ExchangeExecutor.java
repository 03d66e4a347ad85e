package dev.rtprofile.viewer;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The executor of the viewer's HTTP server, and its bound on slow clients.
 *
 * <p>The JDK's server hands a connection to its executor as soon as the first bytes of a request
 * arrive; the task then reads the rest of the request head in blocking mode. With a pool of a few
 * threads, a few connections that trickle header lines hold every thread and nothing else is
 * answered. So each exchange runs on one of up to {@link #MAX_THREADS} threads (more queue), and a
 * watchdog interrupts an exchange that has not delivered its whole request head, or whose client
 * has not taken the response, within the request timeout. The server's socket channel is
 * interruptible: the interrupt closes that connection and frees the thread. Nothing is interrupted
 * while the handler computes an answer. How many requests are handled at once is bounded
 * separately, by the handler's permits.
 *
 * <p>This bounds slow clients per viewer. The JDK server's own limits ({@code
 * sun.net.httpserver.maxReqTime} and friends) are JVM-wide system properties, read once when its
 * classes load: an embedded library must not set them for its host application.
 */
final class ExchangeExecutor implements Executor {
  /** The most exchanges in progress at once, stalled ones included; more wait for a thread. */
  static final int MAX_THREADS = 128;

  private static final ThreadLocal<Exchange> CURRENT = new ThreadLocal<>();

  private final ThreadPoolExecutor pool;
  private final ScheduledThreadPoolExecutor watchdog;
  private final long timeoutNanos;

  ExchangeExecutor(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
    this.pool =
        new ThreadPoolExecutor(
            MAX_THREADS,
            MAX_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            new Threads("profile-viewer-"));
    this.pool.allowCoreThreadTimeOut(true);
    this.watchdog = new ScheduledThreadPoolExecutor(1, new Threads("profile-viewer-watchdog-"));
    this.watchdog.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(() -> run(task));
  }

  private void run(Runnable task) {
    Exchange exchange = new Exchange(Thread.currentThread());
    exchange.expireIn(Phase.READING);
    CURRENT.set(exchange);
    try {
      task.run();
    } finally {
      CURRENT.remove();
      exchange.finish();
      // An expiry interrupts only before finish(), under the same lock: clear what it left.
      Thread.interrupted();
    }
  }

  /**
   * Called by the handler once the request head has arrived: no deadline while it answers.
   *
   * @return false if the exchange has already been closed for taking too long
   */
  static boolean handling() {
    Exchange exchange = CURRENT.get();
    return exchange == null || exchange.advance(Phase.READING, Phase.HANDLING);
  }

  /** Called by the handler before it sends the response: the client must take it in time. */
  static void writing() {
    Exchange exchange = CURRENT.get();
    if (exchange != null && exchange.advance(Phase.HANDLING, Phase.WRITING)) {
      exchange.expireIn(Phase.WRITING);
    }
  }

  /** Stops the threads at once. */
  void shutdownNow() {
    pool.shutdownNow();
    watchdog.shutdownNow();
  }

  private enum Phase {
    READING,
    HANDLING,
    WRITING,
    DONE,
    EXPIRED
  }

  /** One exchange's phase; its lock orders the watchdog's interrupt before {@link #finish()}. */
  private final class Exchange {
    private final Thread thread;
    private Phase phase = Phase.READING;
    private @Nullable ScheduledFuture<?> deadline;

    Exchange(Thread thread) {
      this.thread = thread;
    }

    synchronized void expireIn(Phase phase) {
      deadline = watchdog.schedule(() -> expire(phase), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    synchronized boolean advance(Phase from, Phase to) {
      if (phase != from) {
        return false;
      }
      phase = to;
      cancel();
      return true;
    }

    synchronized void finish() {
      phase = Phase.DONE;
      cancel();
    }

    private synchronized void expire(Phase expected) {
      if (phase == expected) {
        phase = Phase.EXPIRED;
        thread.interrupt();
      }
    }

    private void cancel() {
      ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
        deadline = null;
      }
    }
  }

  /** Daemon threads named for the viewer. */
  private static final class Threads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    Threads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
