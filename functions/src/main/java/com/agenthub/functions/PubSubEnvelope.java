package com.agenthub.functions;

import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The body Pub/Sub push POSTs to a subscription's endpoint:
 * {@code {"message": {"data": base64, "attributes": {…}, "messageId", "publishTime"},
 * "subscription": "projects/P/subscriptions/S", "deliveryAttempt": N}}. {@code deliveryAttempt} comes
 * only from a subscription with a dead-letter policy, and never from the emulator: it is optional.
 */
public record PubSubEnvelope(IncomingMessage message, Optional<String> subscription, Optional<Integer> deliveryAttempt) {

  /** Reads a push body; {@code consumer} names the receiving function. */
  public static PubSubEnvelope read(String consumer, byte[] body) throws UndecodableMessageException {
    try {
      JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        throw new UndecodableMessageException("a Pub/Sub push body is a JSON object");
      }
      JsonObject envelope = parsed.getAsJsonObject();
      JsonObject message = envelope.has("message") && envelope.get("message").isJsonObject()
          ? envelope.getAsJsonObject("message") : null;
      if (message == null) {
        throw new UndecodableMessageException("the push body carries no Pub/Sub 'message'");
      }
      String messageId = firstString(message, "messageId", "message_id")
          .orElseThrow(() -> new UndecodableMessageException("the Pub/Sub message has no messageId"));
      byte[] data = message.has("data") ? Base64.getDecoder().decode(message.get("data").getAsString()) : new byte[0];
      Map<String, String> attributes = new LinkedHashMap<>();
      if (message.has("attributes") && message.get("attributes").isJsonObject()) {
        for (Map.Entry<String, JsonElement> attribute : message.getAsJsonObject("attributes").entrySet()) {
          attributes.put(attribute.getKey(), attribute.getValue().getAsString());
        }
      }
      return new PubSubEnvelope(new IncomingMessage(consumer, messageId, data, attributes),
          firstString(envelope, "subscription"), deliveryAttempt(envelope));
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new UndecodableMessageException("not a Pub/Sub push body: " + e.getMessage(), e);
    }
  }

  /**
   * An unreadable push body, whole, as a message to keep: its id is the Pub/Sub message id if one
   * can be found in it, otherwise a hash of the body, so a redelivery of it is recognised either way.
   */
  public static IncomingMessage unreadable(String consumer, byte[] body) {
    String messageId;
    try {
      JsonElement message = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject().get("message");
      messageId = firstString(message.getAsJsonObject(), "messageId", "message_id").orElseThrow();
    } catch (RuntimeException noId) {
      messageId = "sha256:" + Sha256.hex(body);
    }
    return new IncomingMessage(consumer, messageId, body, Map.of());
  }

  /** Only informative (logs): a missing or odd value does not make the message unreadable. */
  private static Optional<Integer> deliveryAttempt(JsonObject envelope) {
    try {
      return firstString(envelope, "deliveryAttempt").map(Integer::parseInt);
    } catch (NumberFormatException odd) {
      return Optional.empty();
    }
  }

  private static Optional<String> firstString(JsonObject object, String... names) {
    for (String name : names) {
      if (object.has(name) && object.get(name).isJsonPrimitive()) {
        return Optional.of(object.get(name).getAsString());
      }
    }
    return Optional.empty();
  }
}
