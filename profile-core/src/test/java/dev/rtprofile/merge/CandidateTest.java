package dev.rtprofile.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import org.junit.jupiter.api.Test;

class CandidateTest {
  private static final Identity PRIMARY = Identity.of("CRMID", "c-1");

  @Test
  void new_validParts_keepsThem() {
    Candidate candidate = new Candidate(42L, "crm", PRIMARY, 7L);

    assertThat(candidate.value()).isEqualTo(42L);
    assertThat(candidate.dataset()).isEqualTo("crm");
    assertThat(candidate.primary()).isEqualTo(PRIMARY);
    assertThat(candidate.timestamp()).isEqualTo(7L);
  }

  @Test
  void new_nullValue_throwsNamingValue() {
    assertThatThrownBy(() -> new Candidate(null, "crm", PRIMARY, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }

  @Test
  void new_nullDataset_throwsNamingDataset() {
    assertThatThrownBy(() -> new Candidate("x", null, PRIMARY, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataset");
  }

  @Test
  void new_nullPrimary_throwsNamingPrimary() {
    assertThatThrownBy(() -> new Candidate("x", "crm", null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("primary");
  }

  @Test
  void equals_sameParts_isEqual() {
    assertThat(new Candidate("x", "crm", PRIMARY, 1))
        .isEqualTo(new Candidate("x", "crm", PRIMARY, 1))
        .hasSameHashCodeAs(new Candidate("x", "crm", PRIMARY, 1))
        .isNotEqualTo(new Candidate("x", "crm", PRIMARY, 2));
  }
}
