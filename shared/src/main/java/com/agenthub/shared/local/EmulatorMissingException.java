package com.agenthub.shared.local;

/** An emulator the local stack needs is not on this machine; the message says how to get it. */
public final class EmulatorMissingException extends RuntimeException {
  public EmulatorMissingException(String message) {
    super(message);
  }
}
