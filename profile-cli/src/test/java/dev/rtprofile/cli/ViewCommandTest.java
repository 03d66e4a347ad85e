package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code rtprofile view}: the viewer over the loaded datasets, through the real {@code main}. */
class ViewCommandTest {
  /** A token with characters that must be escaped in a URL query. */
  private static final String TOKEN = "a+token&of=sufficient#length%";

  @TempDir static Path dir;

  @BeforeAll
  static void generate() {
    Cli.Result result =
        Cli.run("demo", "--people", "100", "--format", "json", "--out", dir.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
  }

  private static String[] withData(String... more) {
    List<String> args =
        new ArrayList<>(List.of("view", "--config", dir.resolve("config.json").toString()));
    for (String[] file : DemoData.FILES) {
      args.add("--data");
      args.add(file[0] + "=" + dir.resolve(file[1]));
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** An output stream that opens a latch once a whole line has been written. */
  private static final class LineSignal extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CountDownLatch line = new CountDownLatch(1);

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      if (b == '\n') {
        line.countDown();
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void view_servesTheLoadedProfilesUntilStopped() throws Exception {
    LineSignal out = new LineSignal();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        withData("--port", "0", "--token", TOKEN),
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false,
                        stop)));
    serving.start();
    try {
      assertThat(out.line.await(60, TimeUnit.SECONDS)).as("the address is printed").isTrue();
      JsonNode printed = CliJson.MAPPER.readTree(out.text());
      String url = printed.get("url").asString();
      assertThat(url)
          .startsWith("http://127.0.0.1:")
          .endsWith("/?token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
      assertThat(printed.get("profiles").asLong()).isPositive();

      URI base = URI.create(url.substring(0, url.indexOf('?')));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/overview")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).as("the API asks for the token").isEqualTo(401);
      HttpResponse<String> overview =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/overview"))
                  .header("Authorization", "Bearer " + TOKEN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
      HttpResponse<String> byPrintedAddress =
          http.send(
              HttpRequest.newBuilder(URI.create(url.replace("/?token=", "/api/overview?token=")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(byPrintedAddress.statusCode())
          .as("the printed address carries the token intact")
          .isEqualTo(200);
      assertThat(overview.body()).contains(String.valueOf(printed.get("profiles").asLong()));
    } finally {
      stop.countDown();
      serving.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(serving.isAlive()).isFalse();
    assertThat(exit.get()).as(err.toString(StandardCharsets.UTF_8)).isZero();
    URI closed = URI.create(CliJson.MAPPER.readTree(out.text()).get("url").asString());
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(closed.resolve("/api/overview")).build(),
                        HttpResponse.BodyHandlers.ofString()))
        .as("the viewer is stopped when the command returns")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void view_badPortOrShortToken_exit2WithNothingOnStdout() throws IOException {
    Cli.Result port = Cli.run(withData("--port", "70000"));
    assertThat(port.exitCode()).as(port.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(port.stdout()).isEmpty();
    assertThat(port.stderr()).contains("--port").contains("70000");

    Cli.Result token = Cli.run(withData("--port", "0", "--token", "short"));
    assertThat(token.exitCode()).as(token.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(token.stdout()).isEmpty();
    assertThat(token.stderr()).contains("--token");
  }
}
