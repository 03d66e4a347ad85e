package dev.rtprofile.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Sends requests to a running viewer and reads the answers as JSON. */
final class ViewerClient {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  ViewerClient(URI base) {
    this.base = base;
  }

  /**
   * One answer.
   *
   * @param status the HTTP status
   * @param response the whole response, for headers
   * @param body the body as text
   */
  record Answer(int status, HttpResponse<String> response, String body) {
    JsonNode json() {
      return MAPPER.readTree(body);
    }

    /** The error object of a 4xx answer. */
    JsonNode error() {
      return json().get("error");
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse("");
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * A GET as the page sends it: the path in the URL, the query part (after {@code ?}) in the {@code
   * X-Rtprofile-Query} header.
   */
  Answer get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, headers);
  }

  /** A request as the page sends it (see {@link #get}). */
  Answer send(String method, String pathAndQuery, String... headers) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return sendAsIs(method, pathAndQuery, headers);
    }
    String[] all = Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = ViewerHandler.QUERY_HEADER;
    all[headers.length + 1] = pathAndQuery.substring(q + 1);
    return sendAsIs(method, pathAndQuery.substring(0, q), all);
  }

  /** A request with the URL as given, query string and all. */
  Answer sendAsIs(String method, String url, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(url))
            .timeout(Duration.ofSeconds(20))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
