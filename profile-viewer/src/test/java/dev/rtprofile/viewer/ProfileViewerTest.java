package dev.rtprofile.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.viewer.ViewerClient.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Starting and stopping, the builder's checks, the access token, the Host check and the logs. */
class ProfileViewerTest {
  private static final String TOKEN = "s3cret-token-0123456789";
  private static ProfileStore store;

  @BeforeAll
  static void store() {
    store = ViewerFixtures.store();
  }

  @Test
  void start_portZero_choosesAFreePortOnLoopback() {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      assertThat(viewer.port()).isPositive();
      assertThat(viewer.uri().toString()).isEqualTo("http://127.0.0.1:" + viewer.port() + "/");
      assertThat(new ViewerClient(viewer.uri()).get("/api/overview").status()).isEqualTo(200);
    }
  }

  @Test
  void stop_closesTheSocketAndMayBeRepeated() {
    ProfileViewer viewer = ProfileViewer.builder(store).port(0).start();
    ViewerClient client = new ViewerClient(viewer.uri());
    assertThat(client.get("/").status()).isEqualTo(200);
    viewer.stop();
    viewer.close();
    assertThatThrownBy(() -> client.get("/"))
        .isInstanceOf(UncheckedIOException.class)
        .hasCauseInstanceOf(ConnectException.class);
  }

  @Test
  void start_portInUse_namesTheAddress() {
    try (ProfileViewer first = ProfileViewer.builder(store).port(0).start()) {
      ProfileViewer.Builder second = ProfileViewer.builder(store).port(first.port());
      assertThatThrownBy(second::start)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("start could not listen on 127.0.0.1:" + first.port() + " (")
          .hasMessageEndingWith("); choose another port, or port(0) for a free one");
    }
  }

  @Test
  void builder_badSettings_areRefusedByName() {
    assertThatThrownBy(() -> ProfileViewer.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("store");
    ProfileViewer.Builder builder = ProfileViewer.builder(store);
    assertThatThrownBy(() -> builder.port(65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 0 and 65535, but was 65536");
    assertThatThrownBy(() -> builder.threads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be between 1 and 64, but was 0");
    assertThatThrownBy(() -> builder.accessToken("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accessToken must be at least 16 characters, but was 5");
    assertThatThrownBy(() -> builder.accessToken("with a space in it!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "accessToken must be printable ASCII without spaces, but had another character");
    assertThatThrownBy(() -> builder.bindAddress(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("address");
  }

  @Test
  void accessToken_guardsTheApiButNotThePage() {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).accessToken(TOKEN).start()) {
      ViewerClient client = new ViewerClient(viewer.uri());
      Answer missing = client.get("/api/overview");
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(missing.error().get("message").asString())
          .isEqualTo(
              "token is required: send it as Authorization: Bearer <token> or as X-Access-Token");
      Answer wrong = client.get("/api/overview", "X-Access-Token", TOKEN + "x");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.error().get("message").asString())
          .isEqualTo("token does not match the viewer's access token");

      assertThat(client.get("/api/overview", "X-Access-Token", TOKEN).status()).isEqualTo(200);
      assertThat(client.get("/api/overview", "Authorization", "Bearer " + TOKEN).status())
          .isEqualTo(200);
      Answer inUrl = client.sendAsIs("GET", "/api/overview?token=" + TOKEN);
      assertThat(inUrl.status()).as("a token in the URL is refused").isEqualTo(400);
      assertThat(inUrl.error().get("code").asString()).isEqualTo("query_in_url");
      assertThat(inUrl.body()).doesNotContain(TOKEN);
      assertThat(client.get("/").status()).isEqualTo(200);
      assertThat(client.get("/assets/app.js").status()).isEqualTo(200);
    }
  }

  @Test
  void loopbackViewer_refusesAForeignHostHeader() throws IOException {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      assertThat(rawGet(viewer.port(), "rebound.example:" + viewer.port()))
          .startsWith("HTTP/1.1 403");
      assertThat(rawGet(viewer.port(), "localhost:" + viewer.port())).startsWith("HTTP/1.1 200");
      assertThat(rawGet(viewer.port(), "127.0.0.1")).startsWith("HTTP/1.1 200");
      assertThat(rawGet(viewer.port(), "127.0.0.2:" + viewer.port())).startsWith("HTTP/1.1 200");
      // Names an attacker can register and rebind, though they start like a loopback address.
      assertThat(rawGet(viewer.port(), "127.evil.example")).startsWith("HTTP/1.1 403");
      assertThat(rawGet(viewer.port(), "127.0.0.1.evil.example:" + viewer.port()))
          .startsWith("HTTP/1.1 403");
      assertThat(rawGet(viewer.port(), "127.0.0.256")).startsWith("HTTP/1.1 403");
    }
  }

  @Test
  void viewer_refusesRequestsThatBrowsersMarkAsFromAnotherSite() throws IOException {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      String crossSite = rawGet(viewer.port(), "localhost", "Sec-Fetch-Site: cross-site\r\n");
      assertThat(crossSite).startsWith("HTTP/1.1 403").contains("forbidden_site");
      assertThat(rawGet(viewer.port(), "localhost", "Sec-Fetch-Site: same-site\r\n"))
          .startsWith("HTTP/1.1 403");
      assertThat(rawGet(viewer.port(), "localhost", "Sec-Fetch-Site: same-origin\r\n"))
          .startsWith("HTTP/1.1 200");
      assertThat(rawGet(viewer.port(), "localhost", "Sec-Fetch-Site: none\r\n"))
          .startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void loopbackViewer_refusesHostsThatOnlyStartLikeThisMachine() throws IOException {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      for (String host :
          List.of(
              "localhost:80@evil.example",
              "localhost@evil.example",
              "[::1].evil.example",
              "[::1]:80.evil.example",
              "localhost.evil.example",
              "localhost:80:81",
              "localhost:8o")) {
        assertThat(rawGet(viewer.port(), host)).as(host).startsWith("HTTP/1.1 403");
      }
      assertThat(rawGet(viewer.port(), "[::1]:" + viewer.port())).startsWith("HTTP/1.1 200");
      assertThat(rawGet(viewer.port(), "LocalHost")).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void loopbackViewer_refusesDuplicateHostHeaders() throws IOException {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      String answer = rawGet(viewer.port(), "localhost", "Host: rebound.example\r\n");
      assertThat(answer)
          .startsWith("HTTP/1.1 400")
          .contains("\"duplicate_host\"", "the request must carry one Host header, but carried 2");
    }
  }

  @Test
  void viewer_comparesSecFetchSiteIgnoringCase() throws IOException {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      for (String site : List.of("CROSS-SITE", "Same-Site", "cross-site ", "something-else")) {
        assertThat(rawGet(viewer.port(), "localhost", "Sec-Fetch-Site: " + site + "\r\n"))
            .as(site)
            .startsWith("HTTP/1.1 403")
            .contains("forbidden_site");
      }
      assertThat(rawGet(viewer.port(), "localhost", "Sec-Fetch-Site: Same-Origin\r\n"))
          .startsWith("HTTP/1.1 200");
    }
  }

  /** Sends a GET with the Host header the JDK's HTTP client would not let us set. */
  private static String rawGet(int port, String host) throws IOException {
    return rawGet(port, host, "");
  }

  private static String rawGet(int port, String host, String headers) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/overview HTTP/1.1\r\nHost: "
                  + host
                  + "\r\n"
                  + headers
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void logs_nameEndpointsButNeverIdentityValues() throws IOException {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      ViewerClient client = new ViewerClient(viewer.uri());
      String jane = ViewerClient.encode(ViewerFixtures.JANE_EMAIL.toText());
      String janeId = store.lookup(ViewerFixtures.JANE_EMAIL).fetch().orElseThrow().profileId();
      client.get("/api/lookup?identity=" + jane);
      client.get("/api/search?q=" + jane);
      client.get("/api/graph?identity=" + jane);
      client.get("/api/events?identity=" + jane + "&limit=0");
      client.get("/api/profile/" + janeId);
      client.get("/api/lookup?identity=" + ViewerClient.encode("Secret:jane@example.com"));
    }
    // simplelogger.properties (test resources) sends every log line to this file, at debug.
    String log = Files.readString(Path.of("target/viewer-test.log"));
    assertThat(log)
        .contains(
            "GET /api/lookup -> 200", "GET /api/events -> 400", "GET /api/profile/{id} -> 200");
    for (String value :
        List.of(
            ViewerFixtures.JANE_EMAIL.value(),
            ViewerFixtures.JANE_CRMID.value(),
            ViewerFixtures.JANE_ECID.value(),
            ViewerFixtures.KIOSK_ECID.value(),
            "Secret",
            "jane%40example.com")) {
      assertThat(log).doesNotContain(value);
    }
  }

  @Test
  void logs_atEveryLevelAndTheServersOwn_holdNoIdentityValueNorToken() throws IOException {
    java.util.logging.Logger server = java.util.logging.Logger.getLogger("com.sun.net.httpserver");
    List<String> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(
                record.getLoggerName()
                    + " "
                    + new SimpleFormatter().formatMessage(record)
                    + (record.getThrown() == null ? "" : " " + record.getThrown()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    Level before = server.getLevel();
    server.setLevel(Level.ALL);
    server.addHandler(capture);
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).accessToken(TOKEN).start()) {
      ViewerClient client = new ViewerClient(viewer.uri());
      String jane = ViewerClient.encode(ViewerFixtures.JANE_EMAIL.toText());
      String janeId = store.lookup(ViewerFixtures.JANE_EMAIL).fetch().orElseThrow().profileId();
      String[] token = {"X-Access-Token", TOKEN};
      assertThat(client.get("/api/lookup?identity=" + jane, token).status()).isEqualTo(200);
      assertThat(client.get("/api/search?q=" + jane, "Authorization", "Bearer " + TOKEN).status())
          .isEqualTo(200);
      assertThat(client.get("/api/graph?identity=" + jane, token).status()).isEqualTo(200);
      assertThat(client.get("/api/events?identity=" + jane, token).status()).isEqualTo(200);
      assertThat(client.get("/api/event-types?identity=" + jane, token).status()).isEqualTo(200);
      assertThat(client.get("/api/explain?path=person.name.firstName&identity=" + jane, token))
          .extracting(Answer::status)
          .isEqualTo(200);
      assertThat(client.get("/api/profile/" + janeId, token).status()).isEqualTo(200);
      assertThat(client.get("/api/lookup?identity=Secret%3Ajane%40example.com", token).status())
          .isEqualTo(400);
      assertThat(client.get("/api/lookup?identity=" + jane, "X-Access-Token", TOKEN + "x"))
          .extracting(Answer::status)
          .isEqualTo(401);
      assertThat(client.get("/").status()).isEqualTo(200);
    } finally {
      server.removeHandler(capture);
      server.setLevel(before);
    }
    assertThat(records)
        .as("the JDK server's own log was captured")
        .anySatisfy(r -> assertThat(r).contains("GET /api/lookup"));
    // simplelogger.properties (test resources) sends every SLF4J logger to this file, at trace.
    String logs = String.join("\n", records) + Files.readString(Path.of("target/viewer-test.log"));
    for (String value :
        List.of(
            TOKEN,
            ViewerFixtures.JANE_EMAIL.value(),
            ViewerClient.encode(ViewerFixtures.JANE_EMAIL.value()),
            ViewerFixtures.JANE_CRMID.value(),
            ViewerFixtures.JANE_ECID.value(),
            "Secret")) {
      assertThat(logs).doesNotContain(value);
    }
  }

  @Test
  void expensiveRequests_beyondTheWorkersTheyMayTake_get503AndLookupsStillWork()
      throws IOException {
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).threads(3).start()) {
      ViewerClient client = new ViewerClient(viewer.uri());
      int permits = viewer.handler().expensive.availablePermits();
      assertThat(permits).isEqualTo(2);
      viewer.handler().expensive.acquireUninterruptibly(permits);
      try {
        ViewerClient.Answer busy = client.get("/api/overview");
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.body()).contains("\"busy\"");
        String jane = ViewerClient.encode(ViewerFixtures.JANE_EMAIL.toText());
        assertThat(client.get("/api/lookup?identity=" + jane).status()).isEqualTo(200);
      } finally {
        viewer.handler().expensive.release(permits);
      }
      assertThat(client.get("/api/overview").status()).isEqualTo(200);
    }
  }
}
