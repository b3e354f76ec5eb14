package com.agenthub.shared.errors;

import java.util.Optional;

/** A failure to report to the caller: what kind, a message for humans, and the field at fault. */
public final class ApiError extends RuntimeException {

  private final ErrorKind kind;
  private final String field;

  private ApiError(ErrorKind kind, String message, String field) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public static ApiError of(ErrorKind kind, String message) {
    return new ApiError(kind, message, null);
  }

  public static ApiError invalid(String field, String message) {
    return new ApiError(ErrorKind.INVALID_ARGUMENT, message, field);
  }

  public static ApiError notFound(String what) {
    return new ApiError(ErrorKind.NOT_FOUND, what + " not found", null);
  }

  public static ApiError withField(ErrorKind kind, String field, String message) {
    return new ApiError(kind, message, field);
  }

  /** The same error about a field of an element, e.g. {@code events[3].} + {@code timestamp}. */
  public ApiError under(String prefix) {
    return prefix.isEmpty() ? this : new ApiError(kind, getMessage(), prefix + (field == null ? "" : field));
  }

  public ErrorKind kind() {
    return kind;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
