package com.agenthub.shared.payments;

import java.util.Optional;

/**
 * Turns a webhook request into a {@link ProcessorEvent} only if the processor signed exactly this
 * body recently; otherwise an {@code ApiError} (400) and nothing else happens.
 */
public interface ProcessorEventVerifier {

  ProcessorEvent verify(String rawBody, Optional<String> signatureHeader);
}
