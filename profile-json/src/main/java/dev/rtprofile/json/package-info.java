/**
 * XDM-style JSON in and out of a profile store: records and events in (one document or a streamed
 * NDJSON file with a per-line report), profiles, event pages, identity graphs, explanations and
 * merge policies out. {@link dev.rtprofile.json.ProfileJson} is the entry point.
 */
@NullMarked
package dev.rtprofile.json;

import org.jspecify.annotations.NullMarked;
