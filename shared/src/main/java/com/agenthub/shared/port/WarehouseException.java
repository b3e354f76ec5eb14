package com.agenthub.shared.port;

/** A warehouse operation that did not happen. */
public final class WarehouseException extends RuntimeException {

  public enum Reason {
    /** Not reachable, overloaded or timed out: the same call may succeed later. */
    UNAVAILABLE,
    /** The request itself is wrong (unknown table, invalid SQL): retrying will not help. */
    REJECTED
  }

  private final Reason reason;

  public WarehouseException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public WarehouseException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }

  public boolean isTransient() {
    return reason == Reason.UNAVAILABLE;
  }
}
