package com.agenthub.shared.knowledge;

import com.agenthub.shared.json.Json;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.EventPublisher;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The messages that ask IndexDocument to (re-)index or purge one document: ids only, never content. */
public final class IndexRequests {

  public static final String TOPIC = "knowledge-indexing";

  /** Index (or purge, if it is being deleted) {@code generation} of a document. */
  public record IndexRequest(String organizationId, String documentId, long generation) {}

  private IndexRequests() {}

  static void publish(EventPublisher publisher, IndexRequest request) {
    JsonObject json = new JsonObject();
    json.addProperty("organization_id", request.organizationId());
    json.addProperty("document_id", request.documentId());
    json.addProperty("generation", request.generation());
    publisher.publish(TOPIC, EventPublisher.Message.of(Json.GSON.toJson(json).getBytes(StandardCharsets.UTF_8),
        Map.of("organization_id", request.organizationId())));
  }

  public static IndexRequest decode(byte[] data) throws UndecodableMessageException {
    try {
      JsonObject json = JsonParser.parseString(new String(data, StandardCharsets.UTF_8)).getAsJsonObject();
      return new IndexRequest(json.get("organization_id").getAsString(), json.get("document_id").getAsString(),
          json.get("generation").getAsLong());
    } catch (RuntimeException e) {
      throw new UndecodableMessageException("not an index request: " + e.getMessage());
    }
  }
}
