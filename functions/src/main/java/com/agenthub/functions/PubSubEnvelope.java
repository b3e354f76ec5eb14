package com.agenthub.functions;

import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Pub/Sub message out of a {@code google.cloud.pubsub.topic.v1.messagePublished}
 * CloudEvent: {@code {"message": {"data": base64, "attributes", "messageId"}, "subscription"}}.
 */
public final class PubSubEnvelope {

  private PubSubEnvelope() {}

  public static IncomingMessage read(String consumer, CloudEvent event) throws UndecodableMessageException {
    try {
      JsonObject envelope = JsonParser.parseString(new String(raw(event), StandardCharsets.UTF_8)).getAsJsonObject();
      JsonObject message = envelope.getAsJsonObject("message");
      if (message == null) {
        throw new UndecodableMessageException("the CloudEvent carries no Pub/Sub 'message'");
      }
      String messageId = firstString(message, "messageId", "message_id");
      if (messageId == null) {
        messageId = event.getId();
      }
      byte[] data = message.has("data") ? Base64.getDecoder().decode(message.get("data").getAsString()) : new byte[0];
      Map<String, String> attributes = new LinkedHashMap<>();
      if (message.has("attributes") && message.get("attributes").isJsonObject()) {
        for (Map.Entry<String, JsonElement> attribute : message.getAsJsonObject("attributes").entrySet()) {
          attributes.put(attribute.getKey(), attribute.getValue().getAsString());
        }
      }
      return new IncomingMessage(consumer, messageId, data, attributes);
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new UndecodableMessageException("not a Pub/Sub CloudEvent: " + e.getMessage(), e);
    }
  }

  /** The event's data as received, for keeping an unreadable one. */
  public static byte[] raw(CloudEvent event) {
    return event.getData() == null ? new byte[0] : event.getData().toBytes();
  }

  private static String firstString(JsonObject object, String... names) {
    for (String name : names) {
      if (object.has(name) && object.get(name).isJsonPrimitive()) {
        return object.get(name).getAsString();
      }
    }
    return null;
  }
}
