package com.agenthub.shared.conversations;

import java.util.List;

/**
 * What an append did, in the order the messages were given: each message with its sequence, and
 * whether it was already there (a retry with the same client_message_id) rather than appended now.
 */
public record AppendedMessages(List<Entry> messages, long lastSequence) {

  public record Entry(Message message, boolean replayed) {}

  public AppendedMessages {
    messages = List.copyOf(messages);
  }

  public boolean appendedAny() {
    return messages.stream().anyMatch(entry -> !entry.replayed());
  }
}
