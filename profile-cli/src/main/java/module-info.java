/**
 * The rtprofile command line: a demo on generated data, ingest reports, lookups, events, searches,
 * identity graphs, statistics, erasure and the identity-graph simulator, over {@code profile-core}
 * and {@code profile-json}, on a store in memory or in a durable store's directory. The entry point
 * is {@link dev.rtprofile.cli.Main}; nothing is exported.
 */
@org.jspecify.annotations.NullMarked
module dev.rtprofile.cli {
  requires dev.rtprofile.json;
  requires dev.rtprofile.viewer;
  requires info.picocli;
  requires tools.jackson.databind;
  requires static org.jspecify;

  // picocli fills the commands' option fields and calls them reflectively.
  opens dev.rtprofile.cli to
      info.picocli;
}
