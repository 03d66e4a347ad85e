/**
 * The durable store's files: a segmented, checksummed journal of opaque entries ({@link
 * dev.rtprofile.journal.Journal}), snapshot files beside it ({@link
 * dev.rtprofile.journal.SnapshotFiles}), the one-writer lock ({@link
 * dev.rtprofile.journal.DirectoryLock}) and named crash points for crash tests ({@link
 * dev.rtprofile.journal.CrashPoints}). All file I/O goes through {@link
 * dev.rtprofile.journal.FileOps}, so tests can simulate power loss, full disks and failing forces.
 *
 * <p>Internal: the module does not export this package; the store ({@code dev.rtprofile.store}) is
 * its only user. It knows nothing of records or commands: payloads are bytes.
 */
@NullMarked
package dev.rtprofile.journal;

import org.jspecify.annotations.NullMarked;
