package com.agenthub.shared.payments;

/** A processor call that did not do what was asked. */
public final class ProcessorException extends RuntimeException {

  public enum Reason {
    /** The processor refused the request as such (wrong state, amount): not worth retrying. */
    REFUSED,
    /** The processor could not be reached or failed: retrying later may succeed. */
    UNAVAILABLE
  }

  private final Reason reason;

  public ProcessorException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
