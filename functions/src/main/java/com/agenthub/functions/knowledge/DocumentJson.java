package com.agenthub.functions.knowledge;

import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.knowledge.DocumentChanges;
import com.agenthub.shared.knowledge.KnowledgeDocument;
import com.agenthub.shared.knowledge.NewDocument;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How knowledge documents look on the wire, both ways. */
final class DocumentJson {

  static final Set<String> WRITABLE = Set.of("title", "content", "category", "tags", "metadata", "source_url");
  /** A body carrying 1 MiB of content, escaped as JSON (each control character up to 6 bytes at worst, text ~1x). */
  static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private DocumentJson() {}

  /** Only at creation: a client-chosen id (a kept legacy id). */
  static final Set<String> CREATABLE = Set.of("id", "title", "content", "category", "tags", "metadata", "source_url");

  static NewDocument newDocument(JsonFields body) {
    body.rejectUnknown(CREATABLE);
    Optional<Map<String, Object>> metadata = body.optionalObject("metadata");
    return new NewDocument(body.optionalString("id"), body.requiredString("title"), body.requiredString("content"), body.optionalString("category").orElse(null),
        FaqJson.tags(body.asJson().get("tags")).orElse(List.of()), metadata.orElse(Map.of()), jsonBytes(body, "metadata"),
        body.optionalString("source_url"));
  }

  static DocumentChanges changes(JsonFields body) {
    body.rejectUnknown(WRITABLE);
    return new DocumentChanges(body.optionalString("title"), body.optionalString("content"), body.optionalString("category"),
        FaqJson.tags(body.asJson().get("tags")), body.optionalObject("metadata"), jsonBytes(body, "metadata"),
        body.optionalString("source_url"));
  }

  private static int jsonBytes(JsonFields body, String field) {
    return body.asJson().has(field) ? Json.GSON.toJson(body.asJson().get(field)).getBytes(StandardCharsets.UTF_8).length : 0;
  }

  static JsonObject of(KnowledgeDocument document) {
    JsonObject json = new JsonObject();
    json.addProperty("id", document.id());
    json.addProperty("organization_id", document.organizationId());
    json.addProperty("title", document.title());
    json.addProperty("category", document.category());
    JsonArray tags = new JsonArray();
    document.tags().forEach(tags::add);
    json.add("tags", tags);
    json.add("metadata", Json.toJson(document.metadata()));
    document.sourceUrl().ifPresent(url -> json.addProperty("source_url", url));
    json.addProperty("status", document.status());
    document.statusReason().ifPresent(reason -> json.addProperty("status_reason", reason));
    json.addProperty("content_bytes", document.contentBytes());
    json.addProperty("chunk_count", document.chunkCount());
    document.content().ifPresent(content -> json.addProperty("content", content));
    json.addProperty("created_at", document.createdAt().toString());
    json.addProperty("updated_at", document.updatedAt().toString());
    json.addProperty("etag", ETags.of(document.version()));
    return json;
  }
}
