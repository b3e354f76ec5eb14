package com.agenthub.shared.knowledge;

import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.Write;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The index requests still owed: one record per document being indexed (or deleted), written in
 * the commit that starts a generation and deleted in the one that finishes it. A top-level
 * collection, so one query across organizations, ordered by {@code since}, finds the documents
 * whose request was lost (its publish failed after the commit, or it went to the dead letters).
 */
final class PendingIndexing {

  static final CollectionPath COLLECTION = CollectionPath.of("knowledge_pending_indexing");

  private PendingIndexing() {}

  static DocumentPath path(String organizationId, String documentId) {
    return COLLECTION.document(organizationId + "~" + documentId);
  }

  /** Generation {@code generation} of the document waits for IndexDocument from {@code now}. */
  static Write started(String organizationId, String documentId, long generation, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("organization_id", organizationId);
    data.put("document_id", documentId);
    data.put("generation", generation);
    data.put("since", now);
    data.put("attempts", 0L);
    return Write.set(path(organizationId, documentId), data);
  }

  /** Nothing is owed any more (ready, failed, or purged). */
  static Write finished(String organizationId, String documentId) {
    return Write.delete(path(organizationId, documentId), Optional.empty());
  }
}
