/**
 * The identity graph: links between identities asserted by records and events, the rules that keep
 * people apart (unique namespaces, do-not-link, graph limit, hub guard), stable profile ids,
 * deletion, un-merge and erasure.
 */
@NullMarked
package dev.rtprofile.graph;

import org.jspecify.annotations.NullMarked;
