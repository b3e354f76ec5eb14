package com.agenthub.shared.errors;

/**
 * The closed set of ways a request can fail. The HTTP layer maps each to one status code, once
 * ({@code com.agenthub.shared.http.HttpStatus}); the domain never speaks HTTP.
 */
public enum ErrorKind {
  /** The body is not parseable as what it claims to be: malformed JSON, invalid UTF-8, too deep. */
  MALFORMED_REQUEST("malformed_request"),
  /** A field or parameter is missing, of the wrong type, out of range, unknown or read-only. */
  INVALID_ARGUMENT("invalid_argument"),
  UNAUTHENTICATED("unauthenticated"),
  /** Authenticated, but the credential may not do this (a scope it lacks, a role too low). */
  FORBIDDEN("forbidden"),
  /** Missing, or owned by another tenant: the two are indistinguishable on purpose. */
  NOT_FOUND("not_found"),
  METHOD_NOT_ALLOWED("method_not_allowed"),
  CONFLICT("conflict"),
  /** An If-Match version is no longer current. */
  STALE_VERSION("precondition_failed"),
  PAYLOAD_TOO_LARGE("payload_too_large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type"),
  /** Well-formed and valid field by field, but not applicable as a whole. */
  UNPROCESSABLE("unprocessable"),
  /** A plan limit is reached; nothing was written. The message names the limit and when it resets. */
  LIMIT_EXCEEDED("limit_exceeded"),
  /** A dependency (Firestore, Pub/Sub) failed or is overloaded; retrying later may succeed. */
  UNAVAILABLE("unavailable"),
  /** A defect of ours. Never caused by input. */
  INTERNAL("internal");

  private final String code;

  ErrorKind(String code) {
    this.code = code;
  }

  /** The stable machine-readable code clients see in {@code error.code}. */
  public String code() {
    return code;
  }
}
