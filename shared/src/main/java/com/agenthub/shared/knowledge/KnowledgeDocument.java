package com.agenthub.shared.knowledge;

import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document of an organization's knowledge (the legacy {@code knowledge_base} and
 * {@code documents_store}, one model). {@code status} is indexing until every chunk is embedded
 * and indexed, then ready (or failed, with {@code statusReason}); content is read only when asked.
 */
public record KnowledgeDocument(String id, String organizationId, String title, String category, List<String> tags,
    Map<String, Object> metadata, Optional<String> sourceUrl, String status, Optional<String> statusReason,
    long contentBytes, long chunkCount, long generation, Optional<String> content, Instant createdAt, Instant updatedAt,
    Version version) {

  public static final String INDEXING = "indexing";
  public static final String READY = "ready";
  public static final String FAILED = "failed";
  public static final String DELETING = "deleting";
  public static final List<String> STATUSES = List.of(INDEXING, READY, FAILED, DELETING);
}
