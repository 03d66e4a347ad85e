package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /** What a {@code view} run printed, and its token as the printed address carries it. */
  private record Served(String url, URI base, String token, long profiles) {}

  /**
   * Runs {@code view} with {@code args} and {@code environment} on a thread, hands what it printed
   * to {@code check} while it serves, then stops it and checks that it stopped.
   */
  private static void serve(String[] args, Map<String, String> environment, ServedCheck check)
      throws Exception {
    LineSignal out = new LineSignal();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        args,
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false,
                        stop,
                        environment)));
    serving.start();
    URI base;
    try {
      assertThat(out.line.await(60, TimeUnit.SECONDS)).as("the address is printed").isTrue();
      JsonNode printed = CliJson.MAPPER.readTree(out.text());
      String url = printed.get("url").asString();
      assertThat(url).startsWith("http://127.0.0.1:").contains("/#token=").doesNotContain("?");
      base = URI.create(url.substring(0, url.indexOf('#')));
      String token =
          URLDecoder.decode(url.substring(url.indexOf("#token=") + 7), StandardCharsets.UTF_8);
      check.accept(new Served(url, base, token, printed.get("profiles").asLong()));
    } finally {
      stop.countDown();
      serving.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(serving.isAlive()).isFalse();
    assertThat(exit.get()).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThatThrownBy(
            () ->
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(base.resolve("/api/overview")).build(),
                        HttpResponse.BodyHandlers.ofString()))
        .as("the viewer is stopped when the command returns")
        .isInstanceOf(ConnectException.class);
  }

  @FunctionalInterface
  private interface ServedCheck {
    void accept(Served served) throws Exception;
  }

  private static HttpResponse<String> overview(URI base, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/overview"));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void view_tokenFromTheEnvironment_servesTheLoadedProfilesUntilStopped() throws Exception {
    serve(
        withData("--port", "0"),
        Map.of(ViewCommand.TOKEN_VARIABLE, TOKEN),
        served -> {
          assertThat(served.url())
              .endsWith("/#token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
          assertThat(served.token()).isEqualTo(TOKEN);
          assertThat(served.profiles()).isPositive();
          assertThat(overview(served.base()).statusCode())
              .as("the API asks for the token")
              .isEqualTo(401);
          HttpResponse<String> overview =
              overview(served.base(), "Authorization", "Bearer " + TOKEN);
          assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
          assertThat(overview.body()).contains(String.valueOf(served.profiles()));
        });
  }

  @Test
  void view_store_servesTheDurableStoresProfilesWithoutReadingData() throws Exception {
    long profiles =
        Cli.run("stats", "--store", dir.resolve("store").toString())
            .json()
            .get("profiles")
            .asLong();
    serve(
        new String[] {"view", "--store", dir.resolve("store").toString(), "--port", "0"},
        Map.of(ViewCommand.TOKEN_VARIABLE, TOKEN),
        served -> {
          assertThat(served.profiles()).isPositive().isEqualTo(profiles);
          HttpResponse<String> overview =
              overview(served.base(), "Authorization", "Bearer " + TOKEN);
          assertThat(overview.statusCode()).as(overview.body()).isEqualTo(200);
          assertThat(overview.body()).contains(String.valueOf(profiles));
        });
  }

  @Test
  void view_tokenFile_isReadAndWinsOverTheEnvironment() throws Exception {
    Path file = dir.resolve("viewer-token");
    Files.writeString(file, "  file-token-0123456789\n");
    serve(
        withData("--port", "0", "--token-file", file.toString()),
        Map.of(ViewCommand.TOKEN_VARIABLE, TOKEN),
        served -> {
          assertThat(served.token()).isEqualTo("file-token-0123456789");
          assertThat(overview(served.base(), "X-Access-Token", "file-token-0123456789"))
              .extracting(HttpResponse::statusCode)
              .isEqualTo(200);
          assertThat(overview(served.base(), "X-Access-Token", TOKEN))
              .extracting(HttpResponse::statusCode)
              .isEqualTo(401);
        });
  }

  @Test
  void view_noToken_generatesARandomOneAndPrintsIt() throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      serve(
          withData("--port", "0"),
          Map.of(),
          served -> {
            assertThat(served.token()).matches("[A-Za-z0-9_-]{43}");
            assertThat(overview(served.base()).statusCode()).isEqualTo(401);
            assertThat(overview(served.base(), "X-Access-Token", served.token()))
                .extracting(HttpResponse::statusCode)
                .isEqualTo(200);
            tokens.add(served.token());
          });
    }
    assertThat(tokens.get(0)).isNotEqualTo(tokens.get(1));
  }

  @Test
  void view_badPortOrToken_exit2WithNothingOnStdoutAndNoTokenQuoted() throws IOException {
    Cli.Result port = Cli.run(withData("--port", "70000"));
    assertThat(port.exitCode()).as(port.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(port.stdout()).isEmpty();
    assertThat(port.stderr()).contains("--port").contains("70000");

    Path file = dir.resolve("bad-token");
    Files.writeString(file, "bad token with blanks");
    Cli.Result token = Cli.run(withData("--port", "0", "--token-file", file.toString()));
    assertThat(token.exitCode()).as(token.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(token.stdout()).isEmpty();
    assertThat(token.stderr())
        .contains(
            "--token-file: accessToken must be printable ASCII without spaces, but had another"
                + " character")
        .doesNotContain("bad token", "blanks");

    Files.writeString(file, "short");
    Cli.Result shortToken = Cli.run(withData("--port", "0", "--token-file", file.toString()));
    assertThat(shortToken.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(shortToken.stderr())
        .contains("--token-file: accessToken must be at least 16 characters, but was 5")
        .doesNotContain("short");

    Cli.Result missing =
        Cli.run(withData("--port", "0", "--token-file", dir.resolve("none").toString()));
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.stderr()).contains("--token-file cannot be read: ");
  }

  @Test
  void view_tokenOption_isGoneSoNoSecretIsAProcessArgument() {
    Cli.Result result = Cli.run(withData("--port", "0", "--token", TOKEN));
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.stderr())
        .isEqualTo(
            "rtprofile view: --token is not an option: a token on the command line is visible in"
                + " the process table; put it in a file for --token-file, or in the environment"
                + " variable RTPROFILE_VIEWER_TOKEN\n")
        .doesNotContain(TOKEN);
    assertThat(result.stdout()).isEmpty();
  }
}
