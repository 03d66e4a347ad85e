package dev.rtprofile.viewer;

import org.jspecify.annotations.Nullable;

/**
 * A request the API answers with a 4xx status and a JSON error: the status, a short code, the
 * parameter at fault (if one is) and a message naming the problem.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final @Nullable String parameter;

  ApiException(int status, String code, @Nullable String parameter, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }

  /** 400: a parameter is malformed, out of range or unknown. */
  static ApiException badParameter(String parameter, String message) {
    return new ApiException(400, "bad_parameter", parameter, message);
  }

  /** 404: nothing matches what the request names. */
  static ApiException notFound(@Nullable String parameter, String message) {
    return new ApiException(404, "not_found", parameter, message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  @Nullable String parameter() {
    return parameter;
  }
}
