package com.agenthub.shared.port;

/** A message that was not accepted by the broker; whether it is worth retrying is in {@link #retryable()}. */
public final class PublishException extends RuntimeException {

  private final boolean retryable;

  public PublishException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
