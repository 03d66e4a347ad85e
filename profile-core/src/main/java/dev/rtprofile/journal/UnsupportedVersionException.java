package dev.rtprofile.journal;

import java.io.IOException;

/**
 * A journal or snapshot file whose header is intact but of a format version newer than this code
 * reads. Not damage: the file was written by a newer version, so opening fails rather than drop it.
 */
final class UnsupportedVersionException extends IOException {
  private static final long serialVersionUID = 1L;

  UnsupportedVersionException(int version) {
    super("format version " + version + "; this version of rtprofile reads version 1");
  }
}
