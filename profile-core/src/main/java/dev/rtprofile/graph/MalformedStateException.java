package dev.rtprofile.graph;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The engine's state could not be read: truncated, garbled, of another format version, or written
 * under other settings. Its message starts with {@code "graph state"}, says which, and never holds
 * an identity value.
 */
final class MalformedStateException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Malformed input: the message is {@code "graph state is malformed: "} and {@code detail}. */
  MalformedStateException(String detail) {
    super("graph state is malformed: " + detail);
  }

  private MalformedStateException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** A state that cannot be read for the reason {@code message} gives in full. */
  static MalformedStateException because(String message) {
    return new MalformedStateException(message, null);
  }

  /** {@link #because} with the exception that revealed it. */
  static MalformedStateException because(String message, Throwable cause) {
    return new MalformedStateException(message, cause);
  }
}
