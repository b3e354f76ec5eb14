package com.agenthub.shared.conversations;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * One message to append, valid on construction. {@code toolCall} (an assistant asking for a tool:
 * a JSON object with a string {@code name}) and {@code toolResult} (any JSON, from a tool message)
 * travel as JSON; {@code clientMessageId} makes a retried append a no-op.
 */
public record NewMessage(
    MessageRole role,
    String content,
    Optional<JsonObject> toolCall,
    Optional<JsonElement> toolResult,
    long tokensIn,
    long tokensOut,
    Optional<String> model,
    Optional<Long> latencyMs,
    Optional<String> clientMessageId) {

  public NewMessage {
    if (Limits.characters(content) > Limits.MAX_CONTENT_CHARS) {
      throw ApiError.invalid("content", "'content' is " + Limits.characters(content) + " characters; the limit is "
          + Limits.MAX_CONTENT_CHARS);
    }
    if (content.isEmpty() && toolCall.isEmpty() && toolResult.isEmpty()) {
      throw ApiError.invalid("content", "'content' must not be empty unless the message carries a tool_call or tool_result");
    }
    if (toolCall.isPresent()) {
      if (role != MessageRole.ASSISTANT) {
        throw ApiError.invalid("tool_call", "only an assistant message carries a 'tool_call'");
      }
      JsonElement name = toolCall.get().get("name");
      if (name == null || !name.isJsonPrimitive() || !name.getAsJsonPrimitive().isString() || name.getAsString().isBlank()) {
        throw ApiError.invalid("tool_call.name", "'tool_call' must name its tool in a string 'name'");
      }
      Limits.requireJsonBytes("tool_call", Json.GSON.toJson(toolCall.get()), Limits.MAX_TOOL_JSON_BYTES);
    }
    if (toolResult.isPresent()) {
      if (role != MessageRole.TOOL) {
        throw ApiError.invalid("tool_result", "only a tool message carries a 'tool_result'");
      }
      Limits.requireJsonBytes("tool_result", Json.GSON.toJson(toolResult.get()), Limits.MAX_TOOL_JSON_BYTES);
    }
    Limits.requireWithin("tokens_in", tokensIn, Limits.MAX_TOKENS);
    Limits.requireWithin("tokens_out", tokensOut, Limits.MAX_TOKENS);
    model.ifPresent(value -> Limits.requireText("model", value, Limits.MAX_MODEL_CHARS));
    latencyMs.ifPresent(value -> Limits.requireWithin("latency_ms", value, Limits.MAX_LATENCY_MS));
    clientMessageId.ifPresent(value -> {
      if (value.isEmpty() || value.length() > Limits.MAX_CLIENT_MESSAGE_ID_CHARS || !value.chars().allMatch(c -> c > 32 && c < 127)) {
        throw ApiError.invalid("client_message_id",
            "'client_message_id' must be 1.." + Limits.MAX_CLIENT_MESSAGE_ID_CHARS + " visible ASCII characters");
      }
    });
  }
}
