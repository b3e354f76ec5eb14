package com.agenthub.shared.knowledge;

import java.util.List;

/** A search's hits, best first, and whether the query's embedding came from the cache. */
public record SearchResult(SearchMode mode, List<SearchHit> hits, boolean queryEmbeddingCacheHit, double latencyMs) {}
