package com.agenthub.functions.conversations;

import com.agenthub.shared.conversations.AppendedMessages;
import com.agenthub.shared.conversations.Conversation;
import com.agenthub.shared.conversations.Message;
import com.agenthub.shared.conversations.NewConversation;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.json.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How conversations and messages look on the wire (requests are read by {@link MessageJson} for messages). */
final class ConversationJson {

  private ConversationJson() {}

  static NewConversation newConversation(JsonFields body) {
    body.rejectUnknown(Set.of("id", "agent_id", "user_id", "title", "metadata"));
    return new NewConversation(body.optionalString("id"), body.requiredString("agent_id"), body.optionalString("user_id"),
        body.optionalString("title"), body.optionalObject("metadata").orElse(Map.of()));
  }

  static JsonObject of(Conversation conversation) {
    JsonObject json = new JsonObject();
    json.addProperty("id", conversation.id());
    json.addProperty("organization_id", conversation.organizationId());
    json.addProperty("agent_id", conversation.agentId());
    json.add("user_id", Json.toJson(conversation.userId().orElse(null)));
    json.add("title", Json.toJson(conversation.title().orElse(null)));
    json.add("metadata", Json.toJson(conversation.metadata()));
    json.addProperty("status", conversation.status().wire());
    json.addProperty("message_count", conversation.lastSequence());
    json.addProperty("last_sequence", conversation.lastSequence());
    json.addProperty("tokens_in", conversation.tokensIn());
    json.addProperty("tokens_out", conversation.tokensOut());
    json.addProperty("created_at", conversation.createdAt().toString());
    json.addProperty("updated_at", conversation.updatedAt().toString());
    json.add("last_message_at", Json.toJson(conversation.lastMessageAt().map(Object::toString).orElse(null)));
    json.add("closed_at", Json.toJson(conversation.closedAt().map(Object::toString).orElse(null)));
    json.addProperty("etag", ETags.of(conversation.version()));
    return json;
  }

  static JsonObject of(Message message) {
    JsonObject json = new JsonObject();
    json.addProperty("conversation_id", message.conversationId());
    json.addProperty("sequence", message.sequence());
    json.addProperty("role", message.role().wire());
    json.addProperty("content", message.content());
    json.add("tool_call", message.toolCall().<JsonElement>map(JsonObject::deepCopy).orElse(JsonNull.INSTANCE));
    json.add("tool_result", message.toolResult().orElse(JsonNull.INSTANCE));
    json.addProperty("tokens_in", message.tokensIn());
    json.addProperty("tokens_out", message.tokensOut());
    json.add("model", Json.toJson(message.model().orElse(null)));
    json.add("latency_ms", Json.toJson(message.latencyMs().orElse(null)));
    json.add("client_message_id", Json.toJson(message.clientMessageId().orElse(null)));
    json.addProperty("created_at", message.createdAt().toString());
    return json;
  }

  static JsonObject of(String conversationId, AppendedMessages appended) {
    JsonArray messages = new JsonArray();
    for (AppendedMessages.Entry entry : appended.messages()) {
      JsonObject message = of(entry.message());
      message.addProperty("replayed", entry.replayed());
      messages.add(message);
    }
    JsonObject json = new JsonObject();
    json.addProperty("conversation_id", conversationId);
    json.addProperty("last_sequence", appended.lastSequence());
    json.add("messages", messages);
    return json;
  }

  static JsonObject settings(Optional<Long> retentionDays) {
    JsonObject json = new JsonObject();
    json.add("message_retention_days", Json.toJson(retentionDays.orElse(null)));
    return json;
  }
}
