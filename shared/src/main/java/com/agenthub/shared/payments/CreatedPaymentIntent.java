package com.agenthub.shared.payments;

import java.util.Optional;

/** A new intent, with the client secret the processor issued: returned on create only, never stored. */
public record CreatedPaymentIntent(PaymentIntent intent, Optional<String> clientSecret) {}
