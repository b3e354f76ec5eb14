package com.agenthub.shared.conversations;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.json.StorableJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a caller asks to create. A client-chosen {@code id} makes creation idempotent: creating
 * the same id again with the same fields returns the conversation instead of a second one.
 */
public record NewConversation(
    Optional<String> id,
    String agentId,
    Optional<String> userId,
    Optional<String> title,
    Map<String, Object> metadata) {

  public NewConversation {
    id.ifPresent(value -> ConversationIds.require("id", value));
    userId.ifPresent(value -> Limits.requireText("user_id", value, Limits.MAX_USER_ID_CHARS));
    title.ifPresent(value -> Limits.requireText("title", value, Limits.MAX_TITLE_CHARS));
    // Not Map.copyOf: metadata values may be JSON null.
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(StorableJson.require("metadata", metadata, Limits.MAX_METADATA_BYTES)));
  }

  static ApiError differs() {
    return ApiError.withField(com.agenthub.shared.errors.ErrorKind.CONFLICT, "id",
        "a conversation with this id already exists with other fields");
  }
}
