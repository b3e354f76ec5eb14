package com.agenthub.shared.conversations;

import com.agenthub.shared.ids.ZeroPadded;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;

/** Where an organization's conversations and their messages live; every path starts at the tenant's root. */
final class ConversationPaths {

  private ConversationPaths() {}

  static CollectionPath conversations(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "conversations");
  }

  static DocumentPath conversation(String organizationId, String conversationId) {
    return conversations(organizationId).document(conversationId);
  }

  /** Deleted conversations move here whole: gone from gets and lists, their record kept. */
  static DocumentPath deletedConversation(String organizationId, String conversationId) {
    return CollectionPath.of("organizations", organizationId, "deleted_conversations").document(conversationId);
  }

  static CollectionPath messages(String organizationId, String conversationId) {
    return conversation(organizationId, conversationId).collection("messages");
  }

  /** A message's id is its sequence number, zero-padded so that id order is sequence order. */
  static DocumentPath message(String organizationId, String conversationId, long sequence) {
    return messages(organizationId, conversationId).document(ZeroPadded.of(sequence, 12));
  }

  /** One per client message id: which sequence it got, so a retried append is a no-op. */
  static DocumentPath clientMessageId(String organizationId, String conversationId, String clientMessageIdHash) {
    return conversation(organizationId, conversationId).collection("client_message_ids").document(clientMessageIdHash);
  }

  static DocumentPath settings(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "settings").document("conversations");
  }
}
