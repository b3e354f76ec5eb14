package com.agenthub.shared.knowledge;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.RagDocumentChangeRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rag_documents change records of documents and their chunks, written in the commits that make the changes. */
final class DocumentRecords {

  static final String CREATED = Change.CREATED;
  static final String UPDATED = Change.UPDATED;
  static final String DELETED = Change.DELETED;
  static final String READY = "ready";
  static final String FAILED = "failed";
  static final String CHUNK_INDEXED = "chunk_indexed";
  static final String CHUNK_REMOVED = "chunk_removed";

  private DocumentRecords() {}

  /** A document row: its fields after the change, no content. */
  static Write document(String changeType, Map<String, Object> document, Instant at) {
    return Outbox.record(Change.of(row(changeType, document, at, Optional.empty(), Optional.empty(), new double[0],
        Optional.empty())), at);
  }

  /** A chunk row: the chunk's text and vector as embedded (chunk_indexed), or its removal (chunk_removed). */
  static Write chunk(String changeType, Map<String, Object> document, Chunk chunk, float[] vector, String model, Instant at) {
    double[] embeddings = new double[vector.length];
    for (int i = 0; i < vector.length; i++) {
      embeddings[i] = vector[i];
    }
    return Outbox.record(Change.of(row(changeType, document, at, Optional.of(chunk.text()), Optional.of(chunk), embeddings,
        Optional.of(model))), at);
  }

  static Write chunkRemoved(Map<String, Object> document, StoredDocument chunk, Instant at) {
    Chunk removed = new Chunk((int) chunk.longValue("position"), (int) chunk.longValue("start"), (int) chunk.longValue("end"), "");
    return Outbox.record(Change.of(row(CHUNK_REMOVED, document, at, Optional.empty(), Optional.of(removed), new double[0],
        Optional.empty())), at);
  }

  @SuppressWarnings("unchecked")
  private static RagDocumentChangeRow row(String changeType, Map<String, Object> d, Instant at, Optional<String> content,
      Optional<Chunk> chunk, double[] embeddings, Optional<String> model) {
    return new RagDocumentChangeRow(Ids.newId(), changeType, at, (String) d.get("id"), (String) d.get("organization_id"),
        (String) d.get("title"), content, chunk.map(c -> (long) c.position()), chunk.map(c -> (long) c.start()),
        chunk.map(c -> (long) c.end()), embeddings, model, (String) d.get("category"),
        JsonText.of(d.getOrDefault("tags", List.of())), JsonText.of(d.getOrDefault("metadata", Map.of())),
        Optional.ofNullable((String) d.get("source_url")), (String) d.get("status"),
        Optional.ofNullable((String) d.get("status_reason")), ((Number) d.get("generation")).longValue(),
        (Instant) d.get("created_at"));
  }
}
