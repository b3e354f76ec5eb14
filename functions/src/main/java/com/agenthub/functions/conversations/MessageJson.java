package com.agenthub.functions.conversations;

import com.agenthub.shared.conversations.Limits;
import com.agenthub.shared.conversations.MessageRole;
import com.agenthub.shared.conversations.NewMessage;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.JsonFields;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading AppendMessages' messages; every error names its place, e.g. {@code messages[3].role}. */
final class MessageJson {

  static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "tool_call", "tool_result", "tokens_in", "tokens_out",
      "model", "latency_ms", "client_message_id");
  private static final Set<String> APPEND_FIELDS = Set.of("conversation_id", "expected_sequence");

  private MessageJson() {}

  /** The body's {@code messages} array, or the body itself as one message. */
  static List<NewMessage> messages(JsonObject body) {
    if (!hasMessages(body)) {
      JsonObject single = body.deepCopy();
      APPEND_FIELDS.forEach(single::remove);
      single.remove("messages");
      return List.of(message("", single));
    }
    JsonElement array = body.get("messages");
    if (!array.isJsonArray()) {
      throw ApiError.invalid("messages", "'messages' must be an array of messages");
    }
    JsonArray messages = array.getAsJsonArray();
    if (messages.isEmpty() || messages.size() > Limits.MAX_BATCH) {
      throw ApiError.invalid("messages", "'messages' must hold 1.." + Limits.MAX_BATCH + " messages, got " + messages.size());
    }
    List<NewMessage> parsed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      String prefix = "messages[" + i + "].";
      if (!messages.get(i).isJsonObject()) {
        throw ApiError.invalid("messages[" + i + "]", "a message must be a JSON object");
      }
      parsed.add(message(prefix, messages.get(i).getAsJsonObject()));
    }
    return parsed;
  }

  static Set<String> appendFields(JsonObject body) {
    Set<String> allowed = new java.util.HashSet<>(APPEND_FIELDS);
    allowed.add("messages");
    if (!hasMessages(body)) {
      allowed.addAll(MESSAGE_FIELDS);
    }
    return allowed;
  }

  /** A batch, unless messages is absent or JSON null (null counts as absent, as everywhere). */
  private static boolean hasMessages(JsonObject body) {
    return body.has("messages") && !body.get("messages").isJsonNull();
  }

  private static NewMessage message(String prefix, JsonObject json) {
    try {
      JsonFields fields = new JsonFields(json);
      fields.rejectUnknown(MESSAGE_FIELDS);
      return new NewMessage(
          MessageRole.parse("role", fields.requiredString("role")),
          fields.optionalString("content").orElse(""),
          toolCall(json.get("tool_call")),
          Optional.ofNullable(json.get("tool_result")).filter(v -> !v.isJsonNull()),
          fields.optionalInteger("tokens_in").orElse(0L),
          fields.optionalInteger("tokens_out").orElse(0L),
          fields.optionalString("model"),
          fields.optionalInteger("latency_ms"),
          fields.optionalString("client_message_id"));
    } catch (ApiError e) {
      throw e.under(prefix);
    }
  }

  private static Optional<JsonObject> toolCall(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return Optional.empty();
    }
    if (!value.isJsonObject()) {
      throw ApiError.invalid("tool_call", "'tool_call' must be a JSON object like {\"name\": \"lookup\", \"arguments\": {...}}"
          + (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? ", not a string of JSON" : ""));
    }
    return Optional.of(value.getAsJsonObject());
  }
}
