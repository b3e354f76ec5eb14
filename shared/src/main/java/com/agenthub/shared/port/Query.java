package com.agenthub.shared.port;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of one collection: equality filters, an order by one field (ascending or descending)
 * with the document id as tiebreaker in the same direction (so cursors never skip or repeat
 * ties), optional bounds on that order field, a cursor and a limit. Bounds only on the order
 * field is deliberate: Firestore serves such a range from the same index as the order itself.
 * An {@code in} filter (an equality for index purposes) and a not-equal on the order field (a
 * range) complete the filters Firestore can serve from one composite index, with at most one
 * array-contains filter (an index field of its own, {@code CONTAINS}).
 */
public record Query(
    CollectionPath collection,
    Map<String, Object> equalTo,
    Optional<String> orderBy,
    Direction direction,
    Optional<Bound> lower,
    Optional<Bound> upper,
    Optional<Cursor> startAfter,
    int limit,
    Map<String, List<Object>> in,
    Optional<Object> notEqual,
    Map<String, Object> arrayContains) {

  /**
   * Firestore's own ceiling for one query's results is far higher; this bounds one call's memory
   * (a page of 1000 and one more, to know whether another page follows).
   */
  public static final int MAX_LIMIT = 1001;

  /** Firestore's ceiling for the values of one {@code in} filter (its disjunction limit). */
  public static final int MAX_IN_VALUES = 30;

  public enum Direction { ASCENDING, DESCENDING }

  /** A position after which a page starts: the last document's order value and id. */
  public record Cursor(Object orderValue, String documentId) {}

  /** One end of a range on the order field; {@code inclusive} makes it {@code >=}/{@code <=}. */
  public record Bound(Object value, boolean inclusive) {}

  public Query {
    equalTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
    Map<String, List<Object>> inCopy = new LinkedHashMap<>();
    in.forEach((field, values) -> inCopy.put(field, java.util.Collections.unmodifiableList(new ArrayList<>(values))));
    in = java.util.Collections.unmodifiableMap(inCopy);
    arrayContains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arrayContains));
    if (arrayContains.size() > 1) {
      throw new IllegalArgumentException("at most one 'array contains' filter");
    }
    if (in.size() > 1 || in.values().stream().anyMatch(v -> v.isEmpty() || v.size() > MAX_IN_VALUES)) {
      throw new IllegalArgumentException("at most one 'in' filter, of 1.." + MAX_IN_VALUES + " values");
    }
    if (notEqual.isPresent() && orderBy.isEmpty()) {
      throw new IllegalArgumentException("'not equal' needs an order field: it filters that field");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
    }
    if ((lower.isPresent() || upper.isPresent()) && orderBy.isEmpty()) {
      throw new IllegalArgumentException("a range needs an order field: it bounds that field");
    }
  }

  public static Query all(CollectionPath collection, int limit) {
    return new Query(collection, Map.of(), Optional.empty(), Direction.ASCENDING, Optional.empty(), Optional.empty(),
        Optional.empty(), limit, Map.of(), Optional.empty(), Map.of());
  }

  public Query where(String field, Object value) {
    var filters = new LinkedHashMap<>(equalTo);
    filters.put(field, value);
    return new Query(collection, filters, orderBy, direction, lower, upper, startAfter, limit, in, notEqual, arrayContains);
  }

  public Query orderBy(String field) {
    return orderBy(field, Direction.ASCENDING);
  }

  public Query orderBy(String field, Direction newDirection) {
    return new Query(collection, equalTo, Optional.of(field), newDirection, lower, upper, startAfter, limit, in, notEqual, arrayContains);
  }

  /** Only documents whose order field is above {@code bound} (set the order first). */
  public Query from(Bound bound) {
    return new Query(collection, equalTo, orderBy, direction, Optional.of(bound), upper, startAfter, limit, in, notEqual, arrayContains);
  }

  /** Only documents whose order field is below {@code bound} (set the order first). */
  public Query until(Bound bound) {
    return new Query(collection, equalTo, orderBy, direction, lower, Optional.of(bound), startAfter, limit, in, notEqual, arrayContains);
  }

  public Query startAfter(Cursor cursor) {
    return new Query(collection, equalTo, orderBy, direction, lower, upper, Optional.of(cursor), limit, in, notEqual, arrayContains);
  }

  public Query limit(int newLimit) {
    return new Query(collection, equalTo, orderBy, direction, lower, upper, startAfter, newLimit, in, notEqual, arrayContains);
  }

  /** Only documents whose {@code field} is one of {@code values} (at most one such filter; an equality for indexes). */
  public Query whereIn(String field, List<Object> values) {
    return new Query(collection, equalTo, orderBy, direction, lower, upper, startAfter, limit, Map.of(field, values), notEqual, arrayContains);
  }

  /**
   * Only documents whose order field is not {@code value} (set the order first). Like a bound, it
   * is a range on the order field: Firestore also leaves out documents where that field is null.
   */
  public Query except(Object value) {
    return new Query(collection, equalTo, orderBy, direction, lower, upper, startAfter, limit, in, Optional.of(value), arrayContains);
  }

  /** Only documents whose array {@code field} holds {@code value} (at most one such filter). */
  public Query whereArrayContains(String field, Object value) {
    return new Query(collection, equalTo, orderBy, direction, lower, upper, startAfter, limit, in, notEqual, Map.of(field, value));
  }

  public boolean descending() {
    return direction == Direction.DESCENDING;
  }
}
