package com.agenthub.shared.conversations;

import com.agenthub.shared.ids.ClientIds;

/** Conversation ids: ours are 20 letters and digits, and a client may choose its own ({@link ClientIds}). */
public final class ConversationIds {

  private ConversationIds() {}

  /** An id from a request, checked before it can become part of a document path. */
  public static String require(String field, String candidate) {
    return ClientIds.require(field, candidate);
  }
}
