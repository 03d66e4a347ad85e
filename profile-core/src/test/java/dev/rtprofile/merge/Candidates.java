package dev.rtprofile.merge;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.List;

/** Builds candidate lists for strategy tests. */
final class Candidates {
  static final Identity PRIMARY = Identity.of("CRMID", "c-1");

  private Candidates() {}

  /** Returns one candidate per value from dataset {@code crm}, timestamps 1, 2, 3, .... */
  static List<Candidate> of(Object... values) {
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Candidate(values[i], "crm", PRIMARY, i + 1));
    }
    return out;
  }

  /** Returns a candidate with the given value and timestamp from dataset {@code crm}. */
  static Candidate at(Object value, long timestamp) {
    return new Candidate(value, "crm", PRIMARY, timestamp);
  }
}
