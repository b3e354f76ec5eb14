package com.agenthub.shared.conversations;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** A stored message: its place in the conversation ({@code sequence}, 1, 2, 3, … without gaps) and what it said. */
public record Message(
    String conversationId,
    long sequence,
    MessageRole role,
    String content,
    Optional<JsonObject> toolCall,
    Optional<JsonElement> toolResult,
    long tokensIn,
    long tokensOut,
    Optional<String> model,
    Optional<Long> latencyMs,
    Optional<String> clientMessageId,
    Instant createdAt) {}
