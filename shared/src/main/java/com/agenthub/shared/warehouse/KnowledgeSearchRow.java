package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/**
 * A row of knowledge_searches: one SearchKnowledge call. The query's text is kept only when the
 * organization's deployment opts in (it is the tenant's words); its length always is.
 */
public record KnowledgeSearchRow(
    String changeId,
    Instant searchedAt,
    String organizationId,
    String mode,
    long topK,
    long hitCount,
    double latencyMs,
    boolean queryEmbeddingCacheHit,
    long queryTerms,
    long queryChars,
    Optional<String> queryText,
    Optional<String> category,
    long tagFilters,
    long documentFilters) {}
