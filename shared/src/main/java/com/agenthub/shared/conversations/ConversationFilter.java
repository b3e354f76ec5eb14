package com.agenthub.shared.conversations;

import java.util.Optional;

/** Which conversations a list holds; every combination is served by a declared index. */
public record ConversationFilter(Optional<String> agentId, Optional<String> userId, Optional<ConversationStatus> status) {}
