package com.agenthub.shared.http;

import com.agenthub.shared.errors.ErrorKind;

/** The one place error kinds become HTTP status codes. */
final class HttpStatus {

  private HttpStatus() {}

  static int of(ErrorKind kind) {
    return switch (kind) {
      case MALFORMED_REQUEST, INVALID_ARGUMENT -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case CONFLICT -> 409;
      case STALE_VERSION -> 412;
      case PAYLOAD_TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case UNPROCESSABLE -> 422;
      case LIMIT_EXCEEDED -> 429;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }
}
