/** XDM-style JSON adapters for rtprofile: records and events in, profiles out. */
@org.jspecify.annotations.NullMarked
module dev.rtprofile.json {
  requires transitive dev.rtprofile.core;
  requires tools.jackson.databind;
  requires static org.jspecify;
}
