package com.agenthub.shared.messages;

/** A message no retry can ever make sense of: wrong format, missing fields, unknown table. */
public final class UndecodableMessageException extends Exception {

  public UndecodableMessageException(String reason) {
    super(reason);
  }

  public UndecodableMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
