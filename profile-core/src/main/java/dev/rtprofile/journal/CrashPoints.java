package dev.rtprofile.journal;

import java.util.List;

/**
 * Named points in the journal and snapshot code where a crash test can kill the process: if the
 * system property {@value #PROPERTY} equals a point's name when the code reaches it, the JVM halts
 * at once with exit status {@value #EXIT_STATUS} ({@link Runtime#halt}: no shutdown hooks, no
 * finally blocks, no flushing, like {@code SIGKILL}). Without the property every point costs one
 * property lookup and does nothing.
 *
 * <p>The points:
 *
 * <ul>
 *   <li>{@value #JOURNAL_AFTER_WRITE}: the journal wrote a batch of entries to the operating system
 *       and has not forced it.
 *   <li>{@value #SNAPSHOT_AFTER_TEMP_WRITE}: a snapshot's temporary file is written and forced, not
 *       yet renamed.
 *   <li>{@value #SNAPSHOT_AFTER_RENAME}: the snapshot is renamed into place; the directory is not
 *       yet forced.
 *   <li>{@value #REWRITE_AFTER_TEMP_WRITE}: a rewritten segment's temporary file is written and
 *       forced, not yet renamed.
 *   <li>{@value #REWRITE_AFTER_RENAME}: the rewritten segment is renamed into place; the directory
 *       is not yet forced.
 * </ul>
 *
 * Code outside this package (the store) may define and {@link #hit} points of its own.
 */
public final class CrashPoints {
  /** The system property naming the point to crash at. */
  public static final String PROPERTY = "rtprofile.crashPoint";

  /** The exit status of a crash at a point. */
  public static final int EXIT_STATUS = 86;

  /** After a journal write, before its force. */
  public static final String JOURNAL_AFTER_WRITE = "journal.afterWrite";

  /** After a snapshot's temporary file is written and forced, before the rename. */
  public static final String SNAPSHOT_AFTER_TEMP_WRITE = "snapshot.afterTempWrite";

  /** After a snapshot's rename, before the directory is forced. */
  public static final String SNAPSHOT_AFTER_RENAME = "snapshot.afterRename";

  /** After a rewritten segment's temporary file is written and forced, before the rename. */
  public static final String REWRITE_AFTER_TEMP_WRITE = "rewrite.afterTempWrite";

  /** After a rewritten segment's rename, before the directory is forced. */
  public static final String REWRITE_AFTER_RENAME = "rewrite.afterRename";

  /** Every point this package defines. */
  public static final List<String> NAMES =
      List.of(
          JOURNAL_AFTER_WRITE,
          SNAPSHOT_AFTER_TEMP_WRITE,
          SNAPSHOT_AFTER_RENAME,
          REWRITE_AFTER_TEMP_WRITE,
          REWRITE_AFTER_RENAME);

  private CrashPoints() {}

  /**
   * Halts the JVM if {@value #PROPERTY} names this point; otherwise does nothing.
   *
   * @param name the point reached
   */
  public static void hit(String name) {
    if (name.equals(System.getProperty(PROPERTY))) {
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
  }
}
