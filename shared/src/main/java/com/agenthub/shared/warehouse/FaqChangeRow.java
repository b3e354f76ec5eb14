package com.agenthub.shared.warehouse;

import java.time.Instant;

/** A row of faqs: one committed change of an FAQ (created, updated, deleted), with its state after it. */
public record FaqChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String faqId,
    String question,
    String answer,
    String category,
    JsonText tags,
    Instant createdAt,
    Instant updatedAt) {}
