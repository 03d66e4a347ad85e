/**
 * An embeddable, read-only web viewer over a profile store: search, profile card, events, identity
 * graph and overview, served by the JDK's HTTP server. {@link dev.rtprofile.viewer.ProfileViewer}
 * is the entry point.
 */
@org.jspecify.annotations.NullMarked
module dev.rtprofile.viewer {
  requires transitive dev.rtprofile.json;
  requires jdk.httpserver;
  requires org.slf4j;
  requires tools.jackson.databind;
  requires static org.jspecify;

  exports dev.rtprofile.viewer;
}
