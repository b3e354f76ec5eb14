package com.agenthub.migrate.api;

/** The API did not answer within the retries: the run stops and can be resumed. */
public final class ApiUnreachableException extends RuntimeException {
  public ApiUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
