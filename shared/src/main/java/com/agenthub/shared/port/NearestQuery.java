package com.agenthub.shared.port;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documents of one collection whose {@code field} vector is nearest to {@code target}, after
 * equality filters (the pre-filter a vector index declares before its vector field).
 */
public record NearestQuery(CollectionPath collection, Map<String, Object> equalTo, String field, Vector target,
    Measure measure, int limit) {

  /** Firestore's ceiling for one vector query. */
  public static final int MAX_LIMIT = 1000;

  public enum Measure { COSINE, EUCLIDEAN, DOT_PRODUCT }

  /** A document found, and its distance to the target in the query's measure (cosine: 1 - similarity). */
  public record Nearest(StoredDocument document, double distance) {}

  public NearestQuery {
    equalTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
    }
  }

  public static NearestQuery cosine(CollectionPath collection, String field, Vector target, int limit) {
    return new NearestQuery(collection, Map.of(), field, target, Measure.COSINE, limit);
  }

  public NearestQuery where(String filterField, Object value) {
    var filters = new LinkedHashMap<>(equalTo);
    filters.put(filterField, value);
    return new NearestQuery(collection, filters, field, target, measure, limit);
  }
}
