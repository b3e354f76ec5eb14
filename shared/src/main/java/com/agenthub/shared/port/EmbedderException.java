package com.agenthub.shared.port;

/**
 * The embedding model did not embed: unavailable (quota, outage, timeout: later may succeed) or
 * refused (the request or its answer is not what the model's API accepts or promises). The
 * indexer marks the document failed with this message either way; HTTP callers get 503 for the first.
 */
public final class EmbedderException extends RuntimeException {

  public enum Reason { UNAVAILABLE, REFUSED }

  private final Reason reason;

  public EmbedderException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
