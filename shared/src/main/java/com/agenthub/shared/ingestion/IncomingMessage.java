package com.agenthub.shared.ingestion;

import java.util.Map;

/** A Pub/Sub message as a consumer received it; {@code consumer} names the receiving function. */
public record IncomingMessage(String consumer, String messageId, byte[] data, Map<String, String> attributes) {
  public IncomingMessage {
    attributes = Map.copyOf(attributes);
  }
}
