package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of conversations: one committed change of a conversation (created, closed, deleted), with its state after it. */
public record ConversationChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String agentId,
    String conversationId,
    Optional<String> userId,
    Optional<String> title,
    JsonText metadata,
    String status,
    long lastSequence,
    Instant createdAt,
    Optional<Instant> closedAt) {}
