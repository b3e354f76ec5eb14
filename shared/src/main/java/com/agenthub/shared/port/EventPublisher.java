package com.agenthub.shared.port;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends messages to a topic (Pub/Sub in production). Delivery to consumers is at least once. */
public interface EventPublisher {

  /** Pub/Sub's own ceiling for one message; larger ones are refused before they are sent. */
  int MAX_MESSAGE_BYTES = 10 * 1000 * 1000;

  /** A message: its payload, string attributes, and an optional ordering key. */
  record Message(byte[] data, Map<String, String> attributes, Optional<String> orderingKey) {
    public Message {
      attributes = Map.copyOf(attributes);
    }

    public static Message of(byte[] data, Map<String, String> attributes) {
      return new Message(data, attributes, Optional.empty());
    }
  }

  /** Publishes and waits for the broker's acknowledgement; returns the message id it assigned. */
  String publish(String topic, Message message);

  /**
   * Publishes several messages and waits until the broker acknowledged all of them (in one round
   * trip where the client batches); the ids in order. Throws on the first that failed; the others
   * may have been published, which at-least-once consumers tolerate.
   */
  default List<String> publishAll(String topic, List<Message> messages) {
    return messages.stream().map(message -> publish(topic, message)).toList();
  }
}
