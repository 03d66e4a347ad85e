/**
 * The rtprofile engine: namespaces and identities, the identity graph, and (later) fragments, merge
 * policies and the profile store.
 */
@org.jspecify.annotations.NullMarked
module dev.rtprofile.core {
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.rtprofile.identity;
  exports dev.rtprofile.graph;
  exports dev.rtprofile.merge;
  exports dev.rtprofile.store;
}
