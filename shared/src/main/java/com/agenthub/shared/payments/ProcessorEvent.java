package com.agenthub.shared.payments;

import java.time.Instant;
import java.util.Optional;

/**
 * A verified event of the processor: its unique id, its type, when the processor created it, and
 * the object it is about as it was then — an intent or a refund (both empty for other objects).
 */
public record ProcessorEvent(String id, String type, Instant created, String processor,
    Optional<PaymentProcessor.ProcessorIntent> intent, Optional<PaymentProcessor.ProcessorRefund> refund) {

  /** An event about an intent. */
  public ProcessorEvent(String id, String type, Instant created, String processor,
      Optional<PaymentProcessor.ProcessorIntent> intent) {
    this(id, type, created, processor, intent, Optional.empty());
  }
}
