package com.agenthub.shared.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents of one collection whose {@code field} vector is nearest to {@code target}, among
 * those that pass the pre-filter: equality filters and at most one array-contains-any filter (the
 * fields a composite vector index declares before its vector field).
 */
public record NearestQuery(CollectionPath collection, Map<String, Object> equalTo, Map<String, List<Object>> arrayContainsAny,
    String field, Vector target, Measure measure, int limit) {

  /** Firestore's ceiling for one vector query. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Firestore's ceiling for the values of one array-contains-any filter: a query's disjunctive
   * normal form has at most 30 terms (cloud.google.com/firestore/docs/query-data/queries, "Limitations").
   */
  public static final int MAX_ANY_VALUES = 30;

  public enum Measure { COSINE, EUCLIDEAN, DOT_PRODUCT }

  /** A document found, and its distance to the target in the query's measure (cosine: 1 - similarity). */
  public record Nearest(StoredDocument document, double distance) {}

  public NearestQuery {
    equalTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
    Map<String, List<Object>> anyCopy = new LinkedHashMap<>();
    arrayContainsAny.forEach((name, values) -> anyCopy.put(name, java.util.Collections.unmodifiableList(new ArrayList<>(values))));
    arrayContainsAny = java.util.Collections.unmodifiableMap(anyCopy);
    if (arrayContainsAny.size() > 1 || arrayContainsAny.values().stream().anyMatch(v -> v.isEmpty() || v.size() > MAX_ANY_VALUES)) {
      throw new IllegalArgumentException("at most one 'array contains any' filter, of 1.." + MAX_ANY_VALUES + " values");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
    }
  }

  public static NearestQuery cosine(CollectionPath collection, String field, Vector target, int limit) {
    return new NearestQuery(collection, Map.of(), Map.of(), field, target, Measure.COSINE, limit);
  }

  public NearestQuery where(String filterField, Object value) {
    var filters = new LinkedHashMap<>(equalTo);
    filters.put(filterField, value);
    return new NearestQuery(collection, filters, arrayContainsAny, field, target, measure, limit);
  }

  /** Only documents whose array {@code filterField} holds at least one of {@code values} (each document once). */
  public NearestQuery whereArrayContainsAny(String filterField, List<?> values) {
    return new NearestQuery(collection, equalTo, Map.of(filterField, List.copyOf(values)), field, target, measure, limit);
  }
}
