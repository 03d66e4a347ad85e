package dev.rtprofile.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link CrashPoints}: a point that the property does not name does nothing. (Halting at a named
 * point is the store's child-JVM crash tests' subject: it cannot be observed in this JVM.)
 */
class CrashPointsTest {
  @Test
  void hit_pointNotNamed_doesNothing() {
    String before = System.getProperty(CrashPoints.PROPERTY);
    try {
      System.clearProperty(CrashPoints.PROPERTY);
      for (String name : CrashPoints.NAMES) {
        CrashPoints.hit(name);
      }
      System.setProperty(CrashPoints.PROPERTY, "some.otherPoint");
      for (String name : CrashPoints.NAMES) {
        CrashPoints.hit(name);
      }
    } finally {
      if (before == null) {
        System.clearProperty(CrashPoints.PROPERTY);
      } else {
        System.setProperty(CrashPoints.PROPERTY, before);
      }
    }
    assertThat(CrashPoints.NAMES)
        .doesNotHaveDuplicates()
        .containsExactly(
            "journal.afterWrite",
            "snapshot.afterTempWrite",
            "snapshot.afterRename",
            "rewrite.afterTempWrite",
            "rewrite.afterRename");
  }
}
