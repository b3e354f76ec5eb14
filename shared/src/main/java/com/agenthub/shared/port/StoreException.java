package com.agenthub.shared.port;

/** A store operation that did not happen, for a reason the domain can act on. */
public final class StoreException extends RuntimeException {

  public enum Reason {
    /** A Create met an existing document. */
    ALREADY_EXISTS,
    /** An Update or a conditional Delete met no document. */
    NOT_FOUND,
    /** A version precondition did not hold: someone else wrote first. */
    STALE,
    /** Too much contention on the same documents; retrying later may succeed. */
    CONTENTION,
    /** The store rejected the data itself (too large, too deep, invalid value). */
    REJECTED,
    /** The store could not be reached or did not answer in time. */
    UNAVAILABLE
  }

  private final Reason reason;

  public StoreException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public StoreException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
