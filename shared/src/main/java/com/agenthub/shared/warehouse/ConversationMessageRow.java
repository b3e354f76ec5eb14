package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of conversation_messages: one appended message. Its change id is derived from its place
 * (organization, conversation, sequence), so however often it is relayed it is one row.
 */
public record ConversationMessageRow(
    String changeId,
    String organizationId,
    String agentId,
    String conversationId,
    long sequence,
    String role,
    String content,
    Optional<JsonText> toolCall,
    Optional<JsonText> toolResult,
    long tokensIn,
    long tokensOut,
    Optional<String> model,
    Optional<Long> latencyMs,
    Optional<String> clientMessageId,
    Instant createdAt) {}
