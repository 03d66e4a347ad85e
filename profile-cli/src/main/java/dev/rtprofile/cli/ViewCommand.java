package dev.rtprofile.cli;

import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.viewer.ProfileViewer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rtprofile view}: loads the datasets, or opens a durable store read-only, and serves the
 * profile viewer until stopped; it shows the store as it was when opened. The API always requires
 * an access token: from {@code --token-file}, else from the environment variable {@value
 * #TOKEN_VARIABLE}, else a random one. The printed address carries it in its fragment ({@code
 * #token=}), which browsers never send; no command-line argument holds it, so it is not in the
 * process table.
 */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = {
      "Loads the datasets (or opens the store of --store DIR, read-only) and serves the read-only"
          + " profile viewer (search, profile card, events, identity graph, overview) on 127.0.0.1"
          + " until Ctrl-C. Prints the viewer's address,"
          + " which carries its access token after #token=. The token comes from --token-file,"
          + " else from the environment variable "
          + ViewCommand.TOKEN_VARIABLE
          + ", else is random."
    })
final class ViewCommand implements Callable<Integer> {
  /** The environment variable that may hold the viewer's access token. */
  static final String TOKEN_VARIABLE = "RTPROFILE_VIEWER_TOKEN";

  private static final SecureRandom RANDOM = new SecureRandom();

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
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "Read the access token (at least 16 printable ASCII characters) from FILE; surrounding"
              + " whitespace is ignored. Default: $"
              + TOKEN_VARIABLE
              + ", else a random token.")
  @Nullable Path tokenFile;

  /**
   * The old {@code --token SECRET}, refused without being echoed: picocli would quote an unknown
   * option's value in its error.
   */
  @Option(names = "--token", hidden = true, paramLabel = "SECRET")
  @Nullable String tokenArgument;

  @Override
  public Integer call() throws InterruptedException {
    if (tokenArgument != null) {
      throw new UsageException(
          "--token is not an option: a token on the command line is visible in the process table;"
              + " put it in a file for --token-file, or in the environment variable "
              + TOKEN_VARIABLE);
    }
    if (port < 0 || port > 65_535) {
      throw new UsageException("--port must be between 0 and 65535, but was " + port);
    }
    String source = tokenFile != null ? "--token-file" : TOKEN_VARIABLE;
    String token = token();
    // Checked on a builder over an empty store, before any data is read: a bad token is bad
    // usage, reported at once and never after a long ingest. The message never quotes it.
    try {
      ProfileViewer.builder(ProfileStore.builder().build()).accessToken(token);
    } catch (IllegalArgumentException e) {
      throw new UsageException(source + ": " + e.getMessage());
    }
    try (Session session = Session.open(store)) {
      return serve(session, token);
    }
  }

  /** Serves the viewer over the session's store until told to stop. */
  private Integer serve(Session session, String token) throws InterruptedException {
    Session.checkStrict(store.strict, session.ingest(root.progress()));
    ProfileStore s = session.store();
    ProfileViewer.Builder builder = ProfileViewer.builder(s).port(port).accessToken(token);
    ProfileViewer viewer;
    try {
      viewer = builder.start();
    } catch (UncheckedIOException e) {
      throw new UsageException(
          "cannot listen on port " + port + " (" + e.getCause().getMessage() + "); try --port 0");
    }
    try (viewer) {
      String address =
          viewer.uri().toString() + "#token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
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

  /** The token of {@code --token-file}, else of the environment variable, else a random one. */
  private String token() {
    if (tokenFile != null) {
      String text;
      try {
        text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      } catch (IOException | UncheckedIOException e) {
        throw new UsageException(
            "--token-file cannot be read: "
                + tokenFile
                + " ("
                + e.getClass().getSimpleName()
                + ")");
      }
      if (text.isEmpty()) {
        throw new UsageException("--token-file must hold a token, but " + tokenFile + " is empty");
      }
      return text;
    }
    String variable = root.environment(TOKEN_VARIABLE);
    if (variable != null) {
      if (variable.isBlank()) {
        throw new UsageException(TOKEN_VARIABLE + " must hold a token, but is blank");
      }
      return variable.strip();
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
