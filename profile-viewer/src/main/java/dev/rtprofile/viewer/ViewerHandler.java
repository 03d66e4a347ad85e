package dev.rtprofile.viewer;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request: refuses methods other than GET and HEAD, a Host header that is not this
 * machine when the viewer listens on loopback only (against DNS rebinding), a request from another
 * site, any query string in the URL (parameters come in {@link #QUERY_HEADER}), a missing or wrong
 * access token on the API, then answers from the assets or the {@link Api}. Logs the endpoint and
 * status only: never a path that is not an endpoint or asset, a parameter or the token.
 */
final class ViewerHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileViewer.class);
  private static final String JSON = "application/json; charset=utf-8";
  static final int MAX_URI = 8192;

  /**
   * The request header that carries an API request's parameters, URL-encoded like a query string
   * ({@code identity=Email%3Ajane%40example.com&policy=crm-first}): identity values never appear in
   * a URL, which the JDK's HTTP server logs at debug and proxies and browsers keep.
   */
  static final String QUERY_HEADER = "X-Rtprofile-Query";

  private static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private final Api api;
  private final StaticAssets assets;
  private final byte @Nullable [] tokenDigest;
  private final boolean loopbackOnly;

  /** Endpoints whose cost grows with the store: a full-scan search, the overview, event types. */
  private static final Set<String> EXPENSIVE =
      Set.of("/api/search", "/api/overview", "/api/event-types");

  /**
   * Permits for expensive requests: one fewer than the worker threads, so that lookups and the page
   * are still answered while expensive requests run; more wait for none and get a 503.
   */
  final Semaphore expensive;

  ViewerHandler(
      Api api, StaticAssets assets, @Nullable String token, InetAddress address, int threads) {
    this.expensive = new Semaphore(Math.max(1, threads - 1));
    this.turns = new Semaphore(threads);
    this.api = api;
    this.assets = assets;
    this.tokenDigest = token == null ? null : sha256(token);
    this.loopbackOnly = address.isLoopbackAddress();
  }

  /** Turns to handle a request: as many as the viewer's threads; more requests wait for one. */
  private final Semaphore turns;

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      if (!ExchangeExecutor.handling()) {
        return; // closed for taking too long to send its request
      }
      try {
        turns.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        respond(exchange);
      } finally {
        turns.release();
      }
    } finally {
      exchange.close();
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    URI uri = exchange.getRequestURI();
    String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
    // Log endpoint names and asset names only: any other path may carry what the user typed.
    String endpoint =
        path.startsWith("/api/") ? Api.endpoint(path) : assets.get(path) != null ? path : null;
    String logged = endpoint == null ? "(unknown path)" : endpoint;
    int status;
    try {
      status = route(exchange, uri, path);
    } catch (ApiException e) {
      status = e.status();
      sendJson(exchange, status, ViewerJson.error(status, e.code(), e.parameter(), e.getMessage()));
    } catch (RuntimeException e) {
      status = 500;
      // The message may quote the request; log the type and place only.
      StackTraceElement[] trace = e.getStackTrace();
      LOG.warn(
          "{} failed with {} at {}",
          logged,
          e.getClass().getName(),
          trace.length > 0 ? trace[0] : "(no stack trace)");
      sendJson(
          exchange,
          status,
          ViewerJson.error(
              status,
              "internal_error",
              null,
              "the viewer failed on this request with "
                  + e.getClass().getSimpleName()
                  + "; the application's log has the place"));
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} -> {} in {} ms",
          exchange.getRequestMethod(),
          logged,
          status,
          (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** Answers the request; returns the status sent. */
  private int route(HttpExchange exchange, URI uri, String path) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      throw new ApiException(
          405,
          "method_not_allowed",
          null,
          "the viewer is read-only: it answers GET and HEAD, but was sent " + method);
    }
    List<String> hosts = exchange.getRequestHeaders().get("Host");
    if (hosts != null && hosts.size() > 1) {
      throw new ApiException(
          400,
          "duplicate_host",
          null,
          "the request must carry one Host header, but carried " + hosts.size());
    }
    if (loopbackOnly && !loopbackHost(hosts == null ? null : hosts.get(0))) {
      throw new ApiException(
          403,
          "forbidden_host",
          null,
          "the Host header must name this machine (localhost, 127.0.0.1 or [::1]) while the viewer"
              + " listens on loopback only");
    }
    List<String> sites = exchange.getRequestHeaders().get("Sec-Fetch-Site");
    if (sites != null && !sites.stream().allMatch(ViewerHandler::ownSite)) {
      throw new ApiException(
          403,
          "forbidden_site",
          null,
          "the viewer answers only its own page and direct requests (Sec-Fetch-Site: same-origin"
              + " or none), but this request came from another site or said it did");
    }
    if (uri.getRawQuery() != null) {
      // Not echoed: it may hold an identity value or the token.
      throw new ApiException(
          400,
          "query_in_url",
          null,
          "the viewer takes no query string, so that no identity value or token is in a URL: send"
              + " the API's parameters URL-encoded in the "
              + QUERY_HEADER
              + " header, the token as Authorization: Bearer <token> or X-Access-Token, and open the"
              + " page as /#token=<token>");
    }
    if (path.length() > MAX_URI) {
      throw new ApiException(
          414,
          "uri_too_long",
          null,
          "the request URI must be at most " + MAX_URI + " characters, but was longer");
    }
    if (path.startsWith("/api/")) {
      checkToken(exchange);
      String query = query(exchange);
      String body;
      if (EXPENSIVE.contains(path)) {
        if (!expensive.tryAcquire()) {
          exchange.getResponseHeaders().set("Retry-After", "1");
          throw new ApiException(
              503,
              "busy",
              null,
              "the viewer is answering as many searches and overviews as it runs at once; retry");
        }
        try {
          body = api.get(path, query);
        } finally {
          expensive.release();
        }
      } else {
        body = api.get(path, query);
      }
      sendJson(exchange, 200, body);
      return 200;
    }
    StaticAssets.Asset asset = assets.get(path);
    if (asset == null) {
      throw ApiException.notFound(
          null, "path must be /, an /assets/ file or an /api/ endpoint, but was not");
    }
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", asset.contentType());
    headers.set("Cache-Control", "no-cache");
    if (path.equals("/")) {
      headers.set("Content-Security-Policy", PAGE_POLICY);
    }
    send(exchange, 200, asset.body());
    return 200;
  }

  /**
   * Whether a Host header names this machine: exactly {@code localhost}, {@code [::1]} or a literal
   * IPv4 loopback address, then at most a port of digits. Case-insensitive; anything after the name
   * but a port ({@code localhost:80@evil.example}, {@code [::1].evil.example}) is refused.
   */
  static boolean loopbackHost(@Nullable String host) {
    if (host == null) {
      return true;
    }
    return LOOPBACK_HOST.matcher(host.strip().toLowerCase(Locale.ROOT)).matches();
  }

  /** A Sec-Fetch-Site value of a request from the page itself or typed by the user. */
  private static boolean ownSite(String site) {
    String s = site.strip().toLowerCase(Locale.ROOT);
    return s.equals("same-origin") || s.equals("none");
  }

  /** {@code localhost}, {@code [::1]} or a literal IPv4 loopback address, and a port or none. */
  private static final Pattern LOOPBACK_HOST =
      Pattern.compile(
          "(localhost|\\[::1\\]|127(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3})"
              + "(:[0-9]{0,5})?");

  /** The API parameters of the {@link #QUERY_HEADER} header, or null when there is none. */
  private static @Nullable String query(HttpExchange exchange) {
    List<String> values = exchange.getRequestHeaders().get(QUERY_HEADER);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new ApiException(
          400,
          "bad_parameter",
          null,
          QUERY_HEADER + " must be given once, but was given " + values.size() + " times");
    }
    String query = values.get(0);
    if (query.length() > MAX_URI) {
      throw new ApiException(
          431,
          "query_too_long",
          null,
          QUERY_HEADER + " must be at most " + MAX_URI + " characters, but was longer");
    }
    return query;
  }

  private void checkToken(HttpExchange exchange) {
    byte[] expected = tokenDigest;
    if (expected == null) {
      return;
    }
    String given = exchange.getRequestHeaders().getFirst("X-Access-Token");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (given == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = authorization.substring(7).strip();
    }
    if (given == null || !MessageDigest.isEqual(sha256(given), expected)) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"rtprofile viewer\"");
      throw new ApiException(
          401,
          "unauthorized",
          Parameters.TOKEN,
          given == null
              ? "token is required: send it as Authorization: Bearer <token> or as X-Access-Token"
              : "token does not match the viewer's access token");
    }
  }

  /** SHA-256, so that comparing digests takes the same time whatever the token's length. */
  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void sendJson(HttpExchange exchange, int status, String body) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", JSON);
    headers.set("Cache-Control", "no-store");
    send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    ExchangeExecutor.writing();
    Headers headers = exchange.getResponseHeaders();
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    if (exchange.getRequestMethod().equals("HEAD")) {
      headers.set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
