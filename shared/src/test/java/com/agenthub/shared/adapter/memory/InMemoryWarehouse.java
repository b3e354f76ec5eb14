package com.agenthub.shared.adapter.memory;

import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.port.WarehouseException.Reason;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.TableReferences;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.agenthub.shared.warehouse.WarehouseDeclaration.DeclaredColumn;
import com.agenthub.shared.warehouse.WarehouseDeclaration.TableDeclaration;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A fake warehouse for fast unit tests. Inserts are checked against the schema files (as BigQuery
 * does) and kept per table; queries are recorded and answered by a function the test programs.
 * {@code WarehouseContract} holds its inserts to bigquery-local's behaviour.
 */
public final class InMemoryWarehouse implements Warehouse {

  /** A query as the warehouse received it, {@code {table}} tokens unresolved. */
  public record ReceivedQuery(String sql, Map<String, QueryParameter> parameters) {
    public ReceivedQuery {
      parameters = Map.copyOf(parameters);
    }
  }

  private final WarehouseDeclaration declaration;
  private final Map<String, List<Map<String, Object>>> rows = new HashMap<>();
  private final Map<String, Set<String>> insertIds = new HashMap<>();
  private final List<ReceivedQuery> queries = new ArrayList<>();
  private Function<ReceivedQuery, List<Map<String, Object>>> answers = query -> List.of();
  private boolean available = true;

  public InMemoryWarehouse() {
    this(WarehouseDeclaration.load());
  }

  public InMemoryWarehouse(WarehouseDeclaration declaration) {
    this.declaration = declaration;
  }

  /** Simulates a BigQuery outage: while unavailable every insert fails as the real one would. */
  public synchronized void setAvailable(boolean available) {
    this.available = available;
  }

  @Override
  public synchronized List<RowError> insert(String table, List<Row> batch) {
    if (!available) {
      throw new WarehouseException(Reason.UNAVAILABLE, "backendError: the warehouse is unavailable");
    }
    TableDeclaration declared = declaration.table(table)
        .orElseThrow(() -> new WarehouseException(Reason.REJECTED, "Not found: Table " + table));
    Set<String> seen = insertIds.computeIfAbsent(table, t -> new HashSet<>());
    List<RowError> errors = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Row row = batch.get(i);
      Optional<String> problem = problem(declared, row.values());
      if (problem.isPresent()) {
        errors.add(new RowError(i, problem.get()));
      } else if (seen.add(row.insertId())) {
        rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row.values());
      }
    }
    return errors;
  }

  @Override
  public synchronized List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters) {
    try {
      TableReferences.resolve(sql, declaration, name -> name);
    } catch (IllegalArgumentException e) {
      throw new WarehouseException(Reason.REJECTED, e.getMessage(), e);
    }
    ReceivedQuery query = new ReceivedQuery(sql, parameters);
    queries.add(query);
    return answers.apply(query);
  }

  /**
   * Recorded with the queries; answers the number of rows {@link #answerQueries}' function
   * returns for it (none, unless a test programs one).
   */
  @Override
  public synchronized long execute(String sql, Map<String, QueryParameter> parameters) {
    return query(sql, parameters).size();
  }

  /** Every row stored in {@code table}, in insert order, with the values as they were given. */
  public synchronized List<Map<String, Object>> rows(String table) {
    return List.copyOf(rows.getOrDefault(table, List.of()));
  }

  /** Every query received so far, in order. */
  public synchronized List<ReceivedQuery> queries() {
    return List.copyOf(queries);
  }

  /** What {@link #query} answers from now on. */
  public synchronized void answerQueries(Function<ReceivedQuery, List<Map<String, Object>>> answers) {
    this.answers = answers;
  }

  private static Optional<String> problem(TableDeclaration table, Map<String, Object> values) {
    Map<String, DeclaredColumn> columns = new HashMap<>();
    table.schema().forEach(c -> columns.put(c.name(), c));
    for (String name : values.keySet()) {
      if (!columns.containsKey(name)) {
        return Optional.of("invalid: no such field: " + name);
      }
    }
    for (DeclaredColumn column : table.schema()) {
      Object value = values.get(column.name());
      if (value == null) {
        if ("REQUIRED".equals(column.mode())) {
          return Optional.of("invalid: missing required field: " + column.name());
        }
      } else if (!plausible(column.type(), value)) {
        return Optional.of("invalid: cannot convert value to " + column.type() + ": " + column.name());
      }
    }
    return Optional.empty();
  }

  private static boolean plausible(String type, Object value) {
    switch (type) {
      case "STRING":
        return value instanceof String;
      case "INTEGER":
      case "INT64":
        return value instanceof Long || value instanceof Integer;
      case "FLOAT":
      case "FLOAT64":
        return value instanceof Number;
      case "BOOLEAN":
      case "BOOL":
        return value instanceof Boolean;
      case "TIMESTAMP":
        return value instanceof Instant || parses(() -> Instant.parse((String) value), value);
      case "DATE":
        return value instanceof LocalDate || parses(() -> LocalDate.parse((String) value), value);
      case "JSON":
        return value instanceof JsonText text ? parses(() -> JsonParser.parseString(text.json()), text.json())
            : parses(() -> JsonParser.parseString((String) value), value);
      default:
        return true;
    }
  }

  private static boolean parses(Runnable parse, Object value) {
    if (!(value instanceof String)) {
      return false;
    }
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException | JsonParseException e) {
      return false;
    }
  }
}
