/**
 * XDM-style JSON adapters for rtprofile: records and events in, profiles, event pages, identity
 * graphs, explanations and merge policies out. {@link dev.rtprofile.json.ProfileJson} is the entry
 * point.
 */
@org.jspecify.annotations.NullMarked
module dev.rtprofile.json {
  requires transitive dev.rtprofile.core;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.csv;
  requires static org.jspecify;

  exports dev.rtprofile.json;
}
