package com.agenthub.shared.warehouse;

import java.time.Instant;

/**
 * A row of rejected_messages: a message a consumer could not decode, kept whole (base64) so it
 * can be inspected and replayed, instead of being retried forever or dropped.
 */
public record RejectedMessageRow(
    String messageId,
    String consumer,
    String reason,
    String dataBase64,
    JsonText attributes,
    Instant receivedAt) {}
