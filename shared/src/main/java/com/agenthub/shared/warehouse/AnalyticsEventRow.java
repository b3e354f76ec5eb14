package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of analytics_events: one event a client tracked. {@code createdAt} is when it happened. */
public record AnalyticsEventRow(
    String id,
    String organizationId,
    String eventType,
    JsonText eventData,
    Optional<String> userId,
    Optional<String> sessionId,
    Instant createdAt,
    Instant receivedAt) {}
