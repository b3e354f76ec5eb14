package com.agenthub.shared.conversations;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.ConversationChangeRow;
import com.agenthub.shared.warehouse.JsonText;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A conversation's stored form and its change record: one mapping for every use case. */
final class ConversationDocuments {

  private ConversationDocuments() {}

  @SuppressWarnings("unchecked")
  static Conversation conversation(StoredDocument doc) {
    return new Conversation(doc.id(), doc.string("organization_id"), doc.string("agent_id"),
        Optional.ofNullable(doc.string("user_id")), Optional.ofNullable(doc.string("title")),
        (Map<String, Object>) doc.data().getOrDefault("metadata", Map.of()),
        ConversationStatus.parse("status", doc.string("status")),
        doc.longValue("last_sequence"), doc.longValue("tokens_in"), doc.longValue("tokens_out"),
        doc.instant("created_at"), doc.instant("updated_at"),
        Optional.ofNullable(doc.instant("last_message_at")), Optional.ofNullable(doc.instant("closed_at")),
        doc.version());
  }

  /** The outbox record of a change, carrying the conversation's state after it (before it, for a delete). */
  @SuppressWarnings("unchecked")
  static Write changeRecord(String changeType, Map<String, Object> conversation, Instant at) {
    ConversationChangeRow row = new ConversationChangeRow(Ids.newId(), changeType, at,
        (String) conversation.get("organization_id"), (String) conversation.get("agent_id"), (String) conversation.get("id"),
        Optional.ofNullable((String) conversation.get("user_id")), Optional.ofNullable((String) conversation.get("title")),
        JsonText.of(conversation.getOrDefault("metadata", Map.of())), (String) conversation.get("status"),
        ((Number) conversation.getOrDefault("last_sequence", 0L)).longValue(),
        (Instant) conversation.get("created_at"), Optional.ofNullable((Instant) conversation.get("closed_at")));
    return Outbox.record(Change.of(row), at);
  }
}
