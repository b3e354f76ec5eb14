package com.agenthub.shared.port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A page of one collection: equality filters, an order by one field (ascending or descending)
 * with the document id as tiebreaker in the same direction (so cursors never skip or repeat
 * ties), optional bounds on that order field, a cursor and a limit. Bounds only on the order
 * field is deliberate: Firestore serves such a range from the same index as the order itself.
 */
public record Query(
    CollectionPath collection,
    Map<String, Object> equalTo,
    Optional<String> orderBy,
    Direction direction,
    Optional<Bound> lower,
    Optional<Bound> upper,
    Optional<Cursor> startAfter,
    int limit) {

  /** Firestore's own ceiling for one query's results is far higher; this bounds one call's memory. */
  public static final int MAX_LIMIT = 1000;

  public enum Direction { ASCENDING, DESCENDING }

  /** A position after which a page starts: the last document's order value and id. */
  public record Cursor(Object orderValue, String documentId) {}

  /** One end of a range on the order field; {@code inclusive} makes it {@code >=}/{@code <=}. */
  public record Bound(Object value, boolean inclusive) {}

  public Query {
    equalTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
    }
    if ((lower.isPresent() || upper.isPresent()) && orderBy.isEmpty()) {
      throw new IllegalArgumentException("a range needs an order field: it bounds that field");
    }
  }

  public static Query all(CollectionPath collection, int limit) {
    return new Query(collection, Map.of(), Optional.empty(), Direction.ASCENDING, Optional.empty(), Optional.empty(),
        Optional.empty(), limit);
  }

  public Query where(String field, Object value) {
    var filters = new LinkedHashMap<>(equalTo);
    filters.put(field, value);
    return new Query(collection, filters, orderBy, direction, lower, upper, startAfter, limit);
  }

  public Query orderBy(String field) {
    return orderBy(field, Direction.ASCENDING);
  }

  public Query orderBy(String field, Direction newDirection) {
    return new Query(collection, equalTo, Optional.of(field), newDirection, lower, upper, startAfter, limit);
  }

  /** Only documents whose order field is above {@code bound} (set the order first). */
  public Query from(Bound bound) {
    return new Query(collection, equalTo, orderBy, direction, Optional.of(bound), upper, startAfter, limit);
  }

  /** Only documents whose order field is below {@code bound} (set the order first). */
  public Query until(Bound bound) {
    return new Query(collection, equalTo, orderBy, direction, lower, Optional.of(bound), startAfter, limit);
  }

  public Query startAfter(Cursor cursor) {
    return new Query(collection, equalTo, orderBy, direction, lower, upper, Optional.of(cursor), limit);
  }

  public Query limit(int newLimit) {
    return new Query(collection, equalTo, orderBy, direction, lower, upper, startAfter, newLimit);
  }

  public boolean descending() {
    return direction == Direction.DESCENDING;
  }
}
