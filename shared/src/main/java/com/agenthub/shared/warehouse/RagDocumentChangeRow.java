package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of rag_documents: one committed change of a knowledge document. Document rows
 * (created, updated, ready, failed, deleted) carry its fields but no content; each chunk the
 * indexer embeds is a {@code chunk_indexed} row with the chunk's text as {@code content} and its
 * vector as {@code embeddings} (a {@code chunk_removed} row when a shorter version drops it), so
 * a document's text and vectors are its chunk rows in position order. Why: a 1 MiB document's
 * content cannot travel in one outbox record (a Firestore document is at most 1 MiB), and one
 * vector per document would say nothing about which passage matched.
 */
public record RagDocumentChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String id,
    String organizationId,
    String title,
    Optional<String> content,
    Optional<Long> chunkPosition,
    Optional<Long> chunkStart,
    Optional<Long> chunkEnd,
    double[] embeddings,
    Optional<String> embeddingModel,
    String category,
    JsonText tags,
    JsonText metadata,
    Optional<String> sourceUrl,
    String status,
    Optional<String> statusReason,
    long generation,
    Instant createdAt) {}
