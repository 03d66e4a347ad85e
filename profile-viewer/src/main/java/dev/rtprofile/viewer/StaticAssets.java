package dev.rtprofile.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The page and what it loads, read once from the jar: {@code /} (the page), {@code /assets/app.js},
 * {@code /assets/app.css} and {@code /assets/echarts.min.js} (ECharts, copied from its WebJar at
 * build time). Nothing is fetched from elsewhere, so the page works without internet access.
 */
final class StaticAssets {
  /**
   * One served file.
   *
   * @param contentType the Content-Type header
   * @param body the bytes
   */
  record Asset(String contentType, byte[] body) {}

  private static final String JS = "text/javascript; charset=utf-8";
  private final Map<String, Asset> assets;

  private StaticAssets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /**
   * Loads every asset.
   *
   * @throws IllegalStateException if one is missing from the jar
   */
  static StaticAssets load() {
    return new StaticAssets(
        Map.of(
            "/", asset("assets/index.html", "text/html; charset=utf-8"),
            "/assets/app.js", asset("assets/app.js", JS),
            "/assets/app.css", asset("assets/app.css", "text/css; charset=utf-8"),
            "/assets/echarts.min.js", asset("assets/echarts/echarts.min.js", JS),
            "/assets/echarts-LICENSE.txt",
                asset("assets/echarts/LICENSE", "text/plain; charset=utf-8")));
  }

  /** The asset served at {@code path}, or null. */
  @Nullable Asset get(String path) {
    return assets.get(path);
  }

  private static Asset asset(String resource, String contentType) {
    try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the viewer's asset "
                + resource
                + " is missing from its jar; rebuild profile-viewer with Maven");
      }
      return new Asset(contentType, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the viewer's asset " + resource + " failed", e);
    }
  }
}
