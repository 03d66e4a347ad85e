package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.store.Condition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * One table of condition strings through both front ends, {@code rtprofile search --where} and the
 * viewer's search box ({@code rtprofile view}, {@code /api/search} with {@code q}), over the same
 * data: a valid string finds the same profiles in both, an invalid one is refused by both with the
 * message of {@link Condition#parse}.
 */
class ConditionSyntaxParityTest {
  private static final String RECORDS =
      """
      {"identityMap":{"Email":[{"id":"a@example.com","primary":true}]},"loyalty":{"tier":"gold","points":1200},"ratio":0.25,"tags":["vip","early"],"vip":true,"name":"Ann Lee","zip":"01234","city":"New York","seen":"2026-05-01T10:00:00Z"}
      {"identityMap":{"Email":[{"id":"b@example.com","primary":true}]},"loyalty":{"tier":"silver","points":800},"ratio":1.5,"tags":["early"],"vip":false,"name":"Bob"}
      {"identityMap":{"Email":[{"id":"c@example.com","primary":true}]},"loyalty":{"tier":"gold","points":15000},"ratio":2.0,"name":"Cleo","city":"New Haven"}
      {"identityMap":{"Email":[{"id":"d@example.com","primary":true}]},"loyalty":{"tier":"bronze","points":0},"tags":[42,"vip"],"city":"Lisbon"}
      {"identityMap":{"Email":[{"id":"e@example.com","primary":true}]},"web":{"url":"https://x.example/?a=b"}}
      """;

  @TempDir static Path dir;
  private static String data;
  private static final CountDownLatch STOP = new CountDownLatch(1);
  private static Thread serving;
  private static URI base;
  private static String token;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startViewer() throws Exception {
    Path file = dir.resolve("people.ndjson");
    Files.writeString(file, RECORDS);
    data = "people:records=" + file;
    LineSignal out = new LineSignal();
    serving =
        new Thread(
            () ->
                Main.run(
                    new String[] {"view", "--data", data, "--port", "0"},
                    new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    false,
                    STOP));
    serving.start();
    assertThat(out.line.await(60, TimeUnit.SECONDS)).as("the address is printed").isTrue();
    JsonNode printed = CliJson.MAPPER.readTree(out.text());
    assertThat(printed.get("profiles").asLong()).isEqualTo(5);
    // The printed address carries the viewer's random access token in its fragment.
    String url = printed.get("url").asString();
    base = URI.create(url.substring(0, url.indexOf('#')));
    token = url.substring(url.indexOf("#token=") + "#token=".length());
  }

  @AfterAll
  static void stopViewer() throws InterruptedException {
    STOP.countDown();
    serving.join(TimeUnit.SECONDS.toMillis(30));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "loyalty.tier=gold| a,c",
        "loyalty.tier!=gold| b,d",
        "loyalty.points>=1000| a,c",
        "loyalty.points<800| d",
        "loyalty.points<=800| b,d",
        "loyalty.points>1200| c",
        "ratio<0.5| a",
        "ratio>=2| c",
        "ratio = 1.5| b",
        "name^=Ann| a",
        "name^=\"Ann \"| a",
        "tags~=vip| a,d",
        "tags~=42| d",
        "tags~=\"42\"| ''",
        "loyalty.tier=*| a,b,c,d",
        "loyalty.tier!=*| e",
        "vip=true| a",
        "vip!=true| b",
        "vip=\"true\"| ''",
        "zip=\"01234\"| a",
        "zip=01234| ''",
        "city=\"New York\"| a",
        "city^=\"New \"| a,c",
        "seen>\"2026-01-01\"| a",
        "web.url=https://x.example/?a=b| e",
        "loyalty.tier=gold loyalty.points>=1000| a,c",
        "` loyalty.tier = gold   loyalty.points >= 2000 `| c",
        "Email:a@example.com| a",
        "Email:a@example.com loyalty.tier=gold| a",
        "Email:*| a,b,c,d,e",
      })
  void validCondition_findsTheSameProfilesInBoth(String text, String expected) throws Exception {
    List<String> want = new ArrayList<>();
    for (String who : expected.equals("''") ? new String[0] : expected.split(",")) {
      want.add(cliIdOf(who));
    }

    Cli.Result cli = Cli.run("search", "--data", data, "--where", text, "--limit", "100");
    HttpResponse<String> viewer = viewerSearch(text);

    assertThat(cli.exitCode()).as(cli.toString()).isZero();
    assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(200);
    List<String> fromCli = new ArrayList<>();
    cli.json().get("profiles").forEach(p -> fromCli.add(p.get("entityId").asString()));
    List<String> fromViewer = new ArrayList<>();
    CliJson.MAPPER
        .readTree(viewer.body())
        .get("profiles")
        .forEach(p -> fromViewer.add(p.get("profileId").asString()));
    assertThat(fromViewer).isEqualTo(fromCli);
    assertThat(fromCli).containsExactlyInAnyOrderElementsOf(want);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "loyalty.tier",
        "=gold",
        "a=~b",
        "name~D",
        "loyalty.points>=",
        "vip<true",
        "loyalty.tier<*",
        "city=\"Lis",
        "a=\"x\"y",
        "a..b=1",
        "a<+5",
        "a<1e400",
        "1x:abc",
        "Email:",
        "a=1 and b=2",
        "t^=\"\"",
        "loyalty.tier=gold vip",
      })
  void invalidCondition_isRefusedByBothWithTheSameMessage(String text) throws Exception {
    String message = refusal(text);

    Cli.Result cli = Cli.run("search", "--data", data, "--where", text);
    HttpResponse<String> viewer = viewerSearch(text);

    assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(cli.stdout()).isEmpty();
    assertThat(cli.stderr().lines().findFirst()).contains("rtprofile search: --where: " + message);
    assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(400);
    JsonNode error = CliJson.MAPPER.readTree(viewer.body()).get("error");
    assertThat(error.get("parameter").asString()).isEqualTo("q");
    assertThat(error.get("message").asString()).isEqualTo(message);
  }

  private static String refusal(String text) {
    List<String> messages = new ArrayList<>();
    assertThatThrownBy(() -> Condition.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> messages.add(e.getMessage()));
    return messages.get(0);
  }

  /** The profile id of the person {@code who} ("a" for a@example.com), as the CLI's lookup says. */
  private static String cliIdOf(String who) {
    Cli.Result lookup = Cli.run("lookup", "--data", data, "Email:" + who + "@example.com");
    assertThat(lookup.exitCode()).as(lookup.toString()).isZero();
    return lookup.json().properties().iterator().next().getKey();
  }

  private static HttpResponse<String> viewerSearch(String q)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve("/api/search"))
            .header(
                "X-Rtprofile-Query", "limit=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
            .header("X-Access-Token", token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
