package com.agenthub.shared.conversations;

import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.changes.Change;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.ConversationMessageRow;
import com.agenthub.shared.warehouse.JsonText;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A message's stored form, its fingerprint and its warehouse row. Tool JSON is stored as JSON text:
 * an exact round trip, and Firestore refuses arrays directly inside arrays, which tool JSON may hold.
 */
final class MessageDocuments {

  private MessageDocuments() {}

  static Map<String, Object> data(String organizationId, String agentId, String conversationId, long sequence,
      NewMessage message, Instant at, Optional<Instant> expiresAt) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("organization_id", organizationId);
    data.put("agent_id", agentId);
    data.put("conversation_id", conversationId);
    data.put("sequence", sequence);
    data.put("role", message.role().wire());
    data.put("content", message.content());
    data.put("tool_call", message.toolCall().map(Json.GSON::toJson).orElse(null));
    data.put("tool_result", message.toolResult().map(Json.GSON::toJson).orElse(null));
    data.put("tokens_in", message.tokensIn());
    data.put("tokens_out", message.tokensOut());
    data.put("model", message.model().orElse(null));
    data.put("latency_ms", message.latencyMs().orElse(null));
    data.put("client_message_id", message.clientMessageId().orElse(null));
    data.put("created_at", at);
    expiresAt.ifPresent(expiry -> data.put("expires_at", expiry));
    return data;
  }

  static Message message(StoredDocument doc) {
    return message(doc.data());
  }

  static Message message(Map<String, Object> data) {
    return new Message((String) data.get("conversation_id"), ((Number) data.get("sequence")).longValue(),
        MessageRole.parse("role", (String) data.get("role")), (String) data.get("content"),
        Optional.ofNullable((String) data.get("tool_call")).map(text -> JsonParser.parseString(text).getAsJsonObject()),
        Optional.ofNullable((String) data.get("tool_result")).map(JsonParser::parseString),
        ((Number) data.get("tokens_in")).longValue(), ((Number) data.get("tokens_out")).longValue(),
        Optional.ofNullable((String) data.get("model")),
        Optional.ofNullable((Number) data.get("latency_ms")).map(Number::longValue),
        Optional.ofNullable((String) data.get("client_message_id")),
        (Instant) data.get("created_at"));
  }

  /** What makes a retried message "the same" as the stored one: everything it says (tool JSON whatever its key order). */
  static String fingerprint(NewMessage message) {
    JsonObject json = new JsonObject();
    json.addProperty("role", message.role().wire());
    json.addProperty("content", message.content());
    json.add("tool_call", message.toolCall().map(Json::canonical).orElse(null));
    json.add("tool_result", message.toolResult().map(Json::canonical).orElse(null));
    json.addProperty("tokens_in", message.tokensIn());
    json.addProperty("tokens_out", message.tokensOut());
    json.addProperty("model", message.model().orElse(null));
    json.addProperty("latency_ms", message.latencyMs().orElse(null));
    return Sha256.hex(Json.GSON.toJson(json));
  }

  /** The outbox record that makes the message a row of conversation_messages. */
  static Write changeRecord(Map<String, Object> data, Instant at) {
    Message message = message(data);
    String organizationId = (String) data.get("organization_id");
    ConversationMessageRow row = new ConversationMessageRow(
        Sha256.hex(organizationId + "/" + message.conversationId() + "/" + message.sequence()).substring(0, 32),
        organizationId, (String) data.get("agent_id"), message.conversationId(), message.sequence(),
        message.role().wire(), message.content(),
        Optional.ofNullable((String) data.get("tool_call")).map(JsonText::new),
        Optional.ofNullable((String) data.get("tool_result")).map(JsonText::new),
        message.tokensIn(), message.tokensOut(), message.model(), message.latencyMs(), message.clientMessageId(),
        message.createdAt());
    return Outbox.record(Change.of(row), at);
  }
}
