package dev.rtprofile.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.viewer.ViewerClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stalled and slow clients must not deny service to others: connections that trickle a request's
 * header lines hold no worker, and one that takes longer than the request timeout is closed. The
 * time bounds here are liveness conditions (generous, in seconds), not measurements.
 */
class SlowClientTest {
  private static final int TRICKLERS = 20;
  private static ProfileStore store;

  @BeforeAll
  static void store() {
    store = ViewerFixtures.store();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void lookup_whileManyConnectionsTrickleHeaderLines_isStillAnswered() throws Exception {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start();
        Trickler trickler = new Trickler(viewer.port(), TRICKLERS, Duration.ofSeconds(2))) {
      // Every connection has sent its request line and two header lines: each has been read
      // from for two seconds and still has no complete request head.
      assertThat(trickler.rounds.await(30, TimeUnit.SECONDS)).isTrue();
      ViewerClient client = new ViewerClient(viewer.uri());
      Answer answer =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () ->
                  client.get(
                      "/api/lookup?identity="
                          + ViewerClient.encode(ViewerFixtures.JANE_EMAIL.toText())));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(trickler.closed.get()).as("none was closed within the request timeout").isZero();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void stalledConnection_isClosedAfterTheRequestTimeout() throws Exception {
    try (ProfileViewer viewer =
            ProfileViewer.builder(store).port(0).requestTimeout(Duration.ofSeconds(1)).start();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), viewer.port())) {
      socket
          .getOutputStream()
          .write("GET /api/overview HTTP/1.1\r\nHost: localhost\r\n".getBytes());
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      int read =
          assertTimeoutPreemptively(
              Duration.ofSeconds(20),
              () -> {
                try {
                  return in.read();
                } catch (IOException e) {
                  return -1;
                }
              });
      assertThat(read).as("the viewer closed the stalled connection").isEqualTo(-1);
      Answer answer = new ViewerClient(viewer.uri()).get("/api/overview");
      assertThat(answer.status()).isEqualTo(200);
    }
  }

  @Test
  void builder_requestTimeoutOutOfRange_isRefusedByName() {
    ProfileViewer.Builder builder = ProfileViewer.builder(store);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> builder.requestTimeout(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("requestTimeout must be between 100 ms and 10 minutes, but was PT0.01S");
  }

  /**
   * Connections that send a request line, then a header line every {@code every}, from one
   * background thread; they never finish their request head. Stops by itself after 15 rounds.
   */
  private static final class Trickler implements AutoCloseable {
    final CountDownLatch rounds = new CountDownLatch(2);
    final AtomicInteger closed = new AtomicInteger();
    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "trickler");
              thread.setDaemon(true);
              return thread;
            });
    private final AtomicInteger round = new AtomicInteger();

    Trickler(int port, int connections, Duration every) throws IOException {
      for (int i = 0; i < connections; i++) {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(socket);
        write(socket, "GET /api/overview HTTP/1.1\r\n");
      }
      // The scheduler paces the header lines, as a slow client would send them.
      clock.scheduleAtFixedRate(
          () -> {
            int r = round.getAndIncrement();
            if (r >= 15) {
              clock.shutdown();
              return;
            }
            for (Socket socket : sockets) {
              write(socket, "X-Slow-" + r + ": x\r\n");
            }
            rounds.countDown();
          },
          0,
          every.toMillis(),
          TimeUnit.MILLISECONDS);
    }

    private void write(Socket socket, String line) {
      if (socket.isClosed()) {
        return;
      }
      try {
        OutputStream out = socket.getOutputStream();
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        closed.incrementAndGet();
        try {
          socket.close();
        } catch (IOException ignored) {
          // already broken
        }
      }
    }

    @Override
    public void close() throws IOException {
      clock.shutdownNow();
      try {
        clock.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
