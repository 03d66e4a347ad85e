package dev.rtprofile.cli;

import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.viewer.ProfileViewer;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/** {@code rtprofile view}: loads the datasets and serves the profile viewer until stopped. */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = {
      "Loads the datasets and serves the read-only profile viewer (search, profile card, events,"
          + " identity graph, overview) on 127.0.0.1 until Ctrl-C. Prints the viewer's address."
    })
final class ViewCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The port to listen on, 0 for any free port. Default: ${DEFAULT-VALUE}.",
      defaultValue = "8080")
  int port;

  @Option(
      names = "--token",
      paramLabel = "SECRET",
      description = "Require this access token: open the printed address, which carries it.")
  @Nullable String token;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new UsageException("--port must be between 0 and 65535, but was " + port);
    }
    if (token != null && token.isBlank()) {
      throw new UsageException("--token must not be blank");
    }
    if (token != null) {
      // Checked on a builder over an empty store, before any data is read: a bad token is bad
      // usage, reported at once and never after a long ingest.
      try {
        ProfileViewer.builder(ProfileStore.builder().build()).accessToken(token);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--token: " + e.getMessage());
      }
    }
    Session session = Session.open(store);
    Session.checkStrict(store.strict, session.ingest(root.progress()));
    ProfileStore s = session.store();
    ProfileViewer.Builder builder = ProfileViewer.builder(s).port(port);
    if (token != null) {
      builder.accessToken(token);
    }
    ProfileViewer viewer;
    try {
      viewer = builder.start();
    } catch (UncheckedIOException e) {
      throw new UsageException(
          "cannot listen on port " + port + " (" + e.getCause().getMessage() + "); try --port 0");
    }
    try (viewer) {
      String address =
          viewer.uri().toString()
              + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      switch (output.format(Format.JSON)) {
        case JSON -> {
          ObjectNode doc = CliJson.object();
          doc.put("url", address);
          doc.put("profiles", s.statistics().profiles());
          CliJson.print(root.out(), doc, output.pretty);
        }
        case TABLE, TEXT ->
            root.out()
                .println(
                    "Profile viewer at "
                        + address
                        + " ("
                        + Text.count(s.statistics().profiles())
                        + " profiles); Ctrl-C stops it.");
      }
      root.out().flush();
      root.awaitStop();
    }
    return ExitCode.OK;
  }
}
