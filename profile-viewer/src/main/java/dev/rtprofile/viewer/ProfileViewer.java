package dev.rtprofile.viewer;

import com.sun.net.httpserver.HttpServer;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.ProfileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running web viewer over a {@link ProfileStore}: one page (search, profile card, events
 * timeline, identity graph, overview) and the read-only JSON API behind it, served by the JDK's
 * HTTP server.
 *
 * <pre>{@code
 * ProfileViewer viewer = ProfileViewer.builder(store).port(8080).start();
 * // open http://127.0.0.1:8080/ ... later:
 * viewer.close();
 * }</pre>
 *
 * <p>The viewer never writes to the store: it answers GET and HEAD only. It listens on {@code
 * 127.0.0.1} unless told otherwise, and then also refuses requests whose Host header names another
 * machine. With an {@linkplain Builder#accessToken access token} the API answers only requests that
 * carry it (the page itself holds no data and is served to anyone who can connect). No log line
 * holds an identity value: requests are logged by endpoint and status only. A client that is slow
 * to send its request or to take its response holds no worker meanwhile and is closed after the
 * {@linkplain Builder#requestTimeout request timeout}.
 *
 * <p>The API, all GET, all JSON, errors as {@code {"error": {"status", "code", "parameter",
 * "message"}}}. No URL carries a parameter: each request sends its parameters URL-encoded, like a
 * query string, in the {@code X-Rtprofile-Query} header (such as {@code X-Rtprofile-Query:
 * identity=Email%3Ajane%40example.com&policy=crm-first}), and a request whose URL has a query
 * string is refused with 400 {@code query_in_url}, so that identity values and the token never
 * reach the server's request log, proxies or browser history. The parameters by endpoint:
 *
 * <ul>
 *   <li>{@code /api/search} {@code q, policy, cursor, limit, sort}: browse (empty {@code q}), look
 *       up ({@code NAMESPACE:value}) or search by conditions ({@code loyalty.tier=gold
 *       loyalty.points>=1000});
 *   <li>{@code /api/lookup} {@code identity=NAMESPACE:value, policy} and {@code
 *       /api/profile/{profileId}} {@code policy}: a profile in the entities-API shape;
 *   <li>{@code /api/explain} {@code identity|profile, policy, path}: why an attribute has its
 *       value;
 *   <li>{@code /api/events} {@code identity|profile, policy, type, order, from, to, limit, cursor}:
 *       a page of events, whose next link holds the next page's parameters but the subject; {@code
 *       /api/event-types} {@code identity|profile, policy}: their types;
 *   <li>{@code /api/graph} {@code identity|profile}: the identity graph with its evidence;
 *   <li>{@code /api/overview}: counts over the store; {@code /api/policies}: the merge policies.
 * </ul>
 *
 * <p>Thread-safe; {@link #close()} stops the server and may be called more than once.
 */
public final class ProfileViewer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileViewer.class);

  private final HttpServer server;
  private final ExchangeExecutor executor;
  private final URI uri;
  private final ViewerHandler handler;
  private final AtomicInteger stopped = new AtomicInteger();

  private ProfileViewer(
      HttpServer server, ExchangeExecutor executor, URI uri, ViewerHandler handler) {
    this.server = server;
    this.executor = executor;
    this.uri = uri;
    this.handler = handler;
  }

  /** The request handler, for tests that hold its permits. */
  ViewerHandler handler() {
    return handler;
  }

  /** Starts a builder of a viewer over {@code store}. */
  public static Builder builder(ProfileStore store) {
    return new Builder(Objects.requireNonNull(store, "store"));
  }

  /** The port the viewer listens on; the one the system chose when built with {@code port(0)}. */
  public int port() {
    return uri.getPort();
  }

  /** The page's address, such as {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    return uri;
  }

  /**
   * Stops the viewer: closes the listening socket and the open connections at once (a read-only
   * viewer has nothing to finish) and ends its threads. Calling it again does nothing.
   */
  public void stop() {
    if (stopped.getAndIncrement() == 0) {
      server.stop(0);
      executor.shutdownNow();
      LOG.info("profile viewer on port {} stopped", uri.getPort());
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Names the address. */
  @Override
  public String toString() {
    return "ProfileViewer[" + uri + "]";
  }

  /**
   * Builds and starts a {@link ProfileViewer}. Setters validate at once. Not thread-safe; {@link
   * #start()} may be called again to start another viewer with the same settings.
   */
  public static final class Builder {
    private final ProfileStore store;
    private int port = 8080;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private @Nullable String accessToken;
    private ProfileJson json = ProfileJson.defaults();
    private int threads = 4;
    private Duration requestTimeout = Duration.ofSeconds(10);

    private Builder(ProfileStore store) {
      this.store = store;
    }

    /**
     * Sets the TCP port, 0 for one the system chooses (read it back with {@link
     * ProfileViewer#port()}). Default: 8080.
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the address to listen on. Anything but a loopback address exposes the profiles to the
     * network: set an {@link #accessToken} then. Default: the loopback address, {@code 127.0.0.1}.
     */
    public Builder bindAddress(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Requires this token on every API request, as {@code Authorization: Bearer <token>} or as
     * {@code X-Access-Token: <token>}, never in a URL; the page takes it from its address's
     * fragment ({@code http://127.0.0.1:8080/#token=<token>}, which browsers do not send), keeps it
     * in the tab's session storage and sends it on. Compared in constant time; no error message or
     * log line quotes it. Default: none, the API is open to whoever can connect.
     *
     * @throws IllegalArgumentException if the token is shorter than 16 characters or holds
     *     characters other than printable ASCII
     */
    public Builder accessToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.length() < 16) {
        throw new IllegalArgumentException(
            "accessToken must be at least 16 characters, but was " + token.length());
      }
      if (!token.chars().allMatch(c -> c > ' ' && c <= '~')) {
        // The message does not quote the token, nor say which character or where.
        throw new IllegalArgumentException(
            "accessToken must be printable ASCII without spaces, but had another character");
      }
      this.accessToken = token;
      return this;
    }

    /**
     * Sets the JSON writer of profiles, events, graphs, explanations and policies. Default: {@link
     * ProfileJson#defaults()}.
     */
    public Builder json(ProfileJson json) {
      this.json = Objects.requireNonNull(json, "json");
      return this;
    }

    /**
     * Sets how many requests are handled at once; more wait for a turn (connections that are still
     * sending their request take no turn). Default: 4.
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be between 1 and 64, but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets how long a client may take to send a request's line and headers, and to take its
     * response; a slower connection is closed, so stalled or slow clients cannot hold the viewer.
     * Default: 10 seconds.
     *
     * @throws IllegalArgumentException if it is shorter than 100 ms or longer than 10 minutes
     */
    public Builder requestTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofMillis(100)) < 0
          || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(
            "requestTimeout must be between 100 ms and 10 minutes, but was " + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Starts the viewer; it serves until {@link ProfileViewer#stop()}.
     *
     * @throws UncheckedIOException if the address and port cannot be bound, naming both
     */
    public ProfileViewer start() {
      StaticAssets assets = StaticAssets.load();
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(address, port), 50);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "start could not listen on "
                + address.getHostAddress()
                + ":"
                + port
                + " ("
                + e.getMessage()
                + "); choose another port, or port(0) for a free one",
            e);
      }
      ExchangeExecutor executor = new ExchangeExecutor(requestTimeout);
      ViewerHandler handler =
          new ViewerHandler(new Api(store, json), assets, accessToken, address, threads);
      server.createContext("/", handler);
      server.setExecutor(executor);
      server.start();
      int bound = server.getAddress().getPort();
      String host = address.getHostAddress();
      URI uri =
          URI.create(
              "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound + "/");
      LOG.info(
          "profile viewer listening on {}{}",
          uri,
          accessToken == null ? "" : " (access token required)");
      return new ProfileViewer(server, executor, uri, handler);
    }
  }
}
