package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.knowledge.SearchHit;
import com.agenthub.shared.knowledge.SearchMode;
import com.agenthub.shared.knowledge.SearchRequest;
import com.agenthub.shared.knowledge.SearchResult;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * POST {query, top_k? (1..50, default 10), mode? (vector | keyword | hybrid, default hybrid),
 * filters? {category, tags, document_ids}}: the organization's best chunks, each with its
 * document, offsets, score and the modes that found it.
 */
public final class SearchKnowledge extends EndpointFunction {

  public SearchKnowledge() {
    this(Services.production());
  }

  public SearchKnowledge(Services services) {
    super(HttpEndpoint.of("SearchKnowledge", "POST", Scope.KNOWLEDGE_READ, services.authenticator(), call -> {
      SearchResult result = services.knowledge().search().search(call.organizationId(), request(call.body()));
      return ApiReply.ok(json(result));
    }));
  }

  static SearchRequest request(JsonFields body) {
    body.rejectUnknown(Set.of("query", "top_k", "mode", "filters"));
    // Clamped just outside the range, so any out-of-range value gets the range's own error.
    int topK = body.optionalInteger("top_k").map(k -> (int) Math.max(0, Math.min(SearchRequest.MAX_TOP_K + 1, k)))
        .orElse(SearchRequest.DEFAULT_TOP_K);
    SearchMode mode = SearchMode.parse(body.optionalString("mode").orElse("hybrid"));
    JsonElement filters = body.asJson().get("filters");
    Optional<String> category = Optional.empty();
    List<String> tags = List.of();
    List<String> documentIds = List.of();
    if (filters != null && !filters.isJsonNull()) {
      if (!filters.isJsonObject()) {
        throw ApiError.invalid("filters", "'filters' must be an object of category, tags, document_ids");
      }
      JsonFields given = new JsonFields(filters.getAsJsonObject());
      for (String key : filters.getAsJsonObject().keySet()) {
        if (!Set.of("category", "tags", "document_ids").contains(key)) {
          throw ApiError.invalid("filters." + key, "unknown filter 'filters." + key + "': filter by category, tags or document_ids");
        }
      }
      category = prefixed(() -> given.optionalString("category"));
      tags = prefixed(() -> given.optionalStrings("tags")).orElse(List.of());
      documentIds = prefixed(() -> given.optionalStrings("document_ids")).orElse(List.of());
    }
    String query = body.requiredString("query");
    List<String> finalTags = tags;
    List<String> finalIds = documentIds;
    Optional<String> finalCategory = category;
    return prefixed(() -> new SearchRequest(query, topK, mode, finalCategory, finalTags, finalIds));
  }

  /** Errors about a filter's field name it under filters (filters.category, filters.tags[1]). */
  private static <T> T prefixed(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (ApiError e) {
      String field = e.field().orElse("");
      if (field.equals("category") || field.startsWith("tags") || field.startsWith("document_ids")) {
        throw ApiError.invalid("filters." + field, e.getMessage());
      }
      throw e;
    }
  }

  private static JsonObject json(SearchResult result) {
    JsonArray hits = new JsonArray();
    for (SearchHit hit : result.hits()) {
      JsonObject item = new JsonObject();
      item.addProperty("chunk_id", hit.chunkId());
      item.addProperty("document_id", hit.documentId());
      item.addProperty("document_title", hit.documentTitle());
      item.addProperty("position", hit.position());
      item.addProperty("start", hit.start());
      item.addProperty("end", hit.end());
      item.addProperty("text", hit.text());
      item.addProperty("score", Math.round(hit.score() * 1_000_000) / 1_000_000.0);
      JsonArray foundBy = new JsonArray();
      hit.foundBy().forEach(mode -> foundBy.add(mode.wire()));
      item.add("found_by", foundBy);
      hit.vectorDistance().ifPresent(d -> item.addProperty("vector_distance", Math.round(d * 1_000_000) / 1_000_000.0));
      hit.keywordScore().ifPresent(s -> item.addProperty("keyword_score", Math.round(s * 1_000_000) / 1_000_000.0));
      hits.add(item);
    }
    JsonObject body = new JsonObject();
    body.addProperty("mode", result.mode().wire());
    body.add("hits", hits);
    body.addProperty("query_embedding_cache_hit", result.queryEmbeddingCacheHit());
    return body;
  }
}
