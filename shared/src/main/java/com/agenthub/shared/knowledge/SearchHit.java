package com.agenthub.shared.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * One chunk found: where it is, its text, its score in the request's mode (vector: cosine
 * similarity; keyword: BM25; hybrid: the fused RRF score), and what each mode that found it said.
 */
public record SearchHit(String chunkId, String documentId, String documentTitle, int position, int start, int end, String text,
    double score, List<SearchMode> foundBy, Optional<Double> vectorDistance, Optional<Double> keywordScore) {}
