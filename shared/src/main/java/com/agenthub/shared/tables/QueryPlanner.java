package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.port.Query;
import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a request's filters and order into one Firestore query over a table's rows — or refuses
 * it with a 400 saying what to change. It accepts exactly the shapes that the composite indexes
 * declared in terraform/firestore/indexes.json serve for every table: equalities ({@code eq},
 * {@code in} (at most one), {@code is_null: true}) on any indexed columns, plus at most one range
 * ({@code gt gte lt lte neq}, {@code is_null: false}) on one indexed column, which is then also
 * the order; or an order on any indexed column. Indexed columns map to the slots i0..i3, and the
 * declaration holds an index for every set of equality slots and every order slot, both directions.
 *
 * <p>Without an order, rows come by id; with a range and no order, by the range column ascending.
 */
final class QueryPlanner {

  /** A planned query: the store query (no cursor, no limit yet) and its order slot, if any. */
  record Plan(Query query, Optional<String> orderSlot) {}

  private QueryPlanner() {}

  static Plan plan(TableSchema table, List<RowFilter> filters, Optional<RowOrder> order) {
    Map<String, Object> equal = new LinkedHashMap<>();
    Map<String, List<Object>> in = new LinkedHashMap<>();
    Column rangeColumn = null;
    Query.Bound lower = null;
    Query.Bound upper = null;
    Optional<Object> notEqual = Optional.empty();
    boolean notNull = false;
    List<String> filtered = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      RowFilter filter = filters.get(i);
      String field = "filters[" + i + "]";
      Column column = indexed(table, field + ".column", filter.column());
      String slot = RowDocuments.slotField(column);
      boolean equality = filter.op() == RowFilter.Op.EQ || filter.op() == RowFilter.Op.IN
          || (filter.op() == RowFilter.Op.IS_NULL && isTrue(filter.value(), field + ".value"));
      if (equality) {
        if (filtered.contains(column.key())) {
          throw ApiError.invalid(field, "'" + column.name() + "' has more than one filter, and one is an equality; keep one");
        }
        filtered.add(column.key());
        switch (filter.op()) {
          case EQ -> equal.put(slot, value(column, filter.value(), field + ".value"));
          case IS_NULL -> equal.put(slot, null);
          default -> {
            if (!in.isEmpty()) {
              throw ApiError.invalid(field, "a query has at most one 'in' filter");
            }
            in.put(slot, values(column, filter.value(), field + ".value"));
          }
        }
        continue;
      }
      if (equal.containsKey(slot) || in.containsKey(slot)) {
        throw ApiError.invalid(field, "'" + column.name() + "' has more than one filter, and one is an equality; keep one");
      }
      if (rangeColumn != null && !rangeColumn.key().equals(column.key())) {
        throw ApiError.invalid(field, "ranges on '" + rangeColumn.name() + "' and '" + column.name()
            + "': a query has range filters (gt, gte, lt, lte, neq, is_null false) on one column at most");
      }
      rangeColumn = column;
      filtered.add(column.key());
      switch (filter.op()) {
        case GT, GTE -> {
          if (lower != null) {
            throw ApiError.invalid(field, "'" + column.name() + "' has two lower bounds; keep one");
          }
          lower = new Query.Bound(value(column, filter.value(), field + ".value"), filter.op() == RowFilter.Op.GTE);
        }
        case LT, LTE -> {
          if (upper != null) {
            throw ApiError.invalid(field, "'" + column.name() + "' has two upper bounds; keep one");
          }
          upper = new Query.Bound(value(column, filter.value(), field + ".value"), filter.op() == RowFilter.Op.LTE);
        }
        default -> {
          if (filter.op() == RowFilter.Op.IS_NULL) {
            notNull = true;
          } else if (notEqual.isPresent()) {
            throw ApiError.invalid(field, "'" + column.name() + "' has two neq filters; keep one");
          } else {
            notEqual = Optional.of(value(column, filter.value(), field + ".value"));
          }
        }
      }
    }
    if (notNull && lower == null && upper == null && notEqual.isEmpty()) {
      // Firestore's ranges keep to one type, so "from the type's least value" is "not null".
      lower = new Query.Bound(least(rangeColumn.type()), true);
    }
    Optional<Column> orderColumn = Optional.ofNullable(rangeColumn);
    boolean descending = false;
    if (order.isPresent()) {
      Column ordered = indexed(table, "order.column", order.get().column());
      descending = order.get().descending();
      if (rangeColumn != null && !rangeColumn.key().equals(ordered.key())) {
        throw ApiError.invalid("order.column", "the range filter on '" + rangeColumn.name() + "' orders the rows by '"
            + rangeColumn.name() + "': order by it, or filter '" + ordered.name() + "' instead");
      }
      String slot = RowDocuments.slotField(ordered);
      if (in.containsKey(slot)) {
        throw ApiError.invalid("order.column", "'" + ordered.name() + "' has an 'in' filter: a query cannot be ordered by it");
      }
      // Ordering by a column every row matches by equality is ordering by id.
      orderColumn = equal.containsKey(slot) ? Optional.empty() : Optional.of(ordered);
      if (orderColumn.isEmpty()) {
        descending = false;
      }
    }
    Query query = Query.all(TablePaths.rows(table.organizationId(), table.tableId()), 1);
    for (Map.Entry<String, Object> e : equal.entrySet()) {
      query = query.where(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, List<Object>> e : in.entrySet()) {
      query = query.whereIn(e.getKey(), e.getValue());
    }
    Optional<String> orderSlot = orderColumn.map(RowDocuments::slotField);
    if (orderSlot.isPresent()) {
      query = query.orderBy(orderSlot.get(), descending ? Query.Direction.DESCENDING : Query.Direction.ASCENDING);
      if (lower != null) {
        query = query.from(lower);
      }
      if (upper != null) {
        query = query.until(upper);
      }
      if (notEqual.isPresent()) {
        query = query.except(notEqual.get());
      }
    }
    return new Plan(query, orderSlot);
  }

  /** The least value of an indexable type, as Firestore orders it. */
  private static Object least(ColumnType type) {
    return switch (type) {
      case STRING -> "";
      case INTEGER -> Long.MIN_VALUE;
      case NUMBER -> Double.NEGATIVE_INFINITY;
      case BOOLEAN -> false;
      case TIMESTAMP -> ColumnType.MIN_TIMESTAMP;
      default -> throw new IllegalArgumentException(type + " is not indexable");
    };
  }

  private static Column indexed(TableSchema table, String field, String name) {
    Column column = table.require(field, name);
    if (!column.type().indexable()) {
      throw ApiError.invalid(field, "column '" + name + "' is " + column.type().wire() + ", a type that cannot be indexed, so it "
          + "cannot be filtered or ordered on; filter an indexed column: " + table.indexedColumns().stream().map(Column::name).toList());
    }
    if (!column.indexed()) {
      throw ApiError.invalid(field, "column '" + name + "' is not indexed, so it cannot be filtered or ordered on: index '"
          + name + "' (declare it \"indexed\": true; a table indexes up to " + TableLimits.MAX_INDEXED_COLUMNS
          + " columns) or filter an indexed one: " + table.indexedColumns().stream().map(Column::name).toList());
    }
    return column;
  }

  private static Object value(Column column, JsonElement value, String field) {
    if (value == null || value.isJsonNull()) {
      throw ApiError.invalid(field, "'" + field + "' is required; to match null use the is_null operator");
    }
    return column.type().fromJson(value, field);
  }

  private static List<Object> values(Column column, JsonElement value, String field) {
    if (value == null || !value.isJsonArray() || value.getAsJsonArray().isEmpty()
        || value.getAsJsonArray().size() > Query.MAX_IN_VALUES) {
      throw ApiError.invalid(field, "'in' takes an array of 1.." + Query.MAX_IN_VALUES + " values");
    }
    List<Object> values = new ArrayList<>();
    for (JsonElement item : value.getAsJsonArray()) {
      values.add(value(column, item, field));
    }
    return values;
  }

  private static boolean isTrue(JsonElement value, String field) {
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
      throw ApiError.invalid(field, "'is_null' takes true or false");
    }
    return value.getAsBoolean();
  }
}
