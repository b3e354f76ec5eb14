package com.agenthub.shared.payments;

import java.time.Instant;
import java.util.Optional;

/**
 * A verified event of the processor about one of its intents: its unique id, its type, when the
 * processor created it, and the intent as it was then (empty for events about other objects).
 */
public record ProcessorEvent(String id, String type, Instant created, String processor,
    Optional<PaymentProcessor.ProcessorIntent> intent) {}
