package com.agenthub.shared.port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A page of one collection: equality filters, ascending order by one field with the document id
 * as tiebreaker (so cursors never skip or repeat ties), a cursor and a limit.
 */
public record Query(
    CollectionPath collection,
    Map<String, Object> equalTo,
    Optional<String> orderBy,
    Optional<Cursor> startAfter,
    int limit) {

  /** Firestore's own ceiling for one query's results is far higher; this bounds one call's memory. */
  public static final int MAX_LIMIT = 1000;

  /** A position after which a page starts: the last document's order value and id. */
  public record Cursor(Object orderValue, String documentId) {}

  public Query {
    equalTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
    }
  }

  public static Query all(CollectionPath collection, int limit) {
    return new Query(collection, Map.of(), Optional.empty(), Optional.empty(), limit);
  }

  public Query where(String field, Object value) {
    var filters = new LinkedHashMap<>(equalTo);
    filters.put(field, value);
    return new Query(collection, filters, orderBy, startAfter, limit);
  }

  public Query orderBy(String field) {
    return new Query(collection, equalTo, Optional.of(field), startAfter, limit);
  }

  public Query startAfter(Cursor cursor) {
    return new Query(collection, equalTo, orderBy, Optional.of(cursor), limit);
  }
}
