package com.agenthub.shared.knowledge;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.ClientIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** A search, valid on construction: the query, how many hits, how, and the filters every hit must pass. */
public record SearchRequest(String query, int topK, SearchMode mode, Optional<String> category, List<String> tags,
    List<String> documentIds) {

  public static final int MAX_TOP_K = 50;
  public static final int DEFAULT_TOP_K = 10;
  public static final int MAX_QUERY_CHARS = 2_000;
  /** One vector query per document id, each pre-filtered by an equality on it. */
  public static final int MAX_DOCUMENT_IDS = 10;
  /**
   * Tags are one array-contains-any pre-filter (any of them), within Firestore's 30 values; with
   * the document ids each vector query still holds one disjunction per tag.
   */
  public static final int MAX_TAG_FILTERS = 10;

  public SearchRequest {
    String stripped = query == null ? "" : query.strip();
    if (stripped.isEmpty()) {
      throw ApiError.invalid("query", "'query' must not be blank");
    }
    if (stripped.codePointCount(0, stripped.length()) > MAX_QUERY_CHARS) {
      throw ApiError.invalid("query", "'query' must be at most " + MAX_QUERY_CHARS + " characters");
    }
    query = stripped;
    if (topK < 1 || topK > MAX_TOP_K) {
      throw ApiError.invalid("top_k", "'top_k' must be within 1.." + MAX_TOP_K);
    }
    category = category.map(FaqFields::category);
    tags = FaqFields.tags(tags);
    if (tags.size() > MAX_TAG_FILTERS) {
      throw ApiError.invalid("filters.tags", "at most " + MAX_TAG_FILTERS + " tags");
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < documentIds.size(); i++) {
      ids.add(ClientIds.require("filters.document_ids[" + i + "]", documentIds.get(i)));
    }
    documentIds = List.copyOf(new LinkedHashSet<>(ids));
    if (documentIds.size() > MAX_DOCUMENT_IDS) {
      throw ApiError.invalid("filters.document_ids", "at most " + MAX_DOCUMENT_IDS + " document ids");
    }
  }
}
