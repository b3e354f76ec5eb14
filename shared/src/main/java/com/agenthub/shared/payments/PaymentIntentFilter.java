package com.agenthub.shared.payments;

import java.time.Instant;
import java.util.Optional;

/** Which intents a list shows: exact status and customer_ref, and a created_at range [from, to). */
public record PaymentIntentFilter(Optional<PaymentStatus> status, Optional<String> customerRef,
    Optional<Instant> createdFrom, Optional<Instant> createdTo) {}
