package com.agenthub.shared.conversations;

import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One conversation of an agent with an end user, and the totals of its messages. */
public record Conversation(
    String id,
    String organizationId,
    String agentId,
    Optional<String> userId,
    Optional<String> title,
    Map<String, Object> metadata,
    ConversationStatus status,
    long lastSequence,
    long tokensIn,
    long tokensOut,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> lastMessageAt,
    Optional<Instant> closedAt,
    Version version) {}
