package com.agenthub.shared.payments;

/** What a caller can ask of an existing payment intent. */
public enum PaymentOperation {
  CAPTURE, CANCEL, REFUND;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
