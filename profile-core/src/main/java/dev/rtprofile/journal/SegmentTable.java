package dev.rtprofile.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * The journal's segments, oldest first; for a writer the last one is the current segment, which the
 * flusher thread appends to, and all others are closed. Thread-safe: each method is atomic under
 * this object's monitor and the segments are immutable, so a reader takes a {@link #snapshot()} and
 * reads files up to the sizes it recorded.
 */
final class SegmentTable {
  private List<Segment> segments;

  /** The sequence number the next entry takes while no segment exists (read-only, empty). */
  private final long emptyNextSeq;

  SegmentTable(List<Segment> segments, long emptyNextSeq) {
    this.segments = List.copyOf(segments);
    this.emptyNextSeq = emptyNextSeq;
  }

  /** Returns the segments, oldest first, as they are now. */
  synchronized List<Segment> snapshot() {
    return segments;
  }

  /** Returns the newest segment (the writer's current one). */
  synchronized Segment last() {
    return segments.get(segments.size() - 1);
  }

  /** Returns the sequence number of the first entry held. */
  synchronized long firstSeq() {
    return segments.isEmpty() ? emptyNextSeq : segments.get(0).firstSeq();
  }

  /** Replaces the newest segment with a grown copy of itself. */
  synchronized void replaceLast(Segment grown) {
    List<Segment> next = new ArrayList<>(segments);
    next.set(next.size() - 1, grown);
    segments = List.copyOf(next);
  }

  /** Adds a new newest segment. */
  synchronized void add(Segment segment) {
    List<Segment> next = new ArrayList<>(segments);
    next.add(segment);
    segments = List.copyOf(next);
  }

  /** Replaces a closed segment by its rewritten copy (same path and entries). */
  synchronized void replace(Segment old, Segment rewritten) {
    List<Segment> next = new ArrayList<>(segments);
    int index = next.indexOf(old);
    if (index < 0) {
      throw new IllegalStateException("segment " + old.name() + " is no longer in the journal");
    }
    next.set(index, rewritten);
    segments = List.copyOf(next);
  }

  /** Removes the oldest segment, which must be {@code oldest}. */
  synchronized void removeOldest(Segment oldest) {
    if (segments.isEmpty() || !segments.get(0).equals(oldest)) {
      throw new IllegalStateException("segment " + oldest.name() + " is not the oldest");
    }
    segments = List.copyOf(segments.subList(1, segments.size()));
  }
}
