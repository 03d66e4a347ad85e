/**
 * The profile store: records and events in, unified profiles out. {@link
 * dev.rtprofile.store.ProfileStore} is the entry point.
 */
@NullMarked
package dev.rtprofile.store;

import org.jspecify.annotations.NullMarked;
