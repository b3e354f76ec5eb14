package com.agenthub.shared.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.firestore.FirestoreDocumentStore;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.testing.Emulators;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QueryRows against a reference database: the same random rows in the Firestore emulator (through
 * the use cases) and in SQLite, then random queries of every shape the planner accepts — every
 * page concatenated — must return the same rows in the same order, ties, nulls and descending
 * order included. The seed is printed; rerun one with -Dtables.seed=N.
 */
class TablesDifferentialTest {

  private static final int ROWS = 2000;
  /** The emulator scans for every page (~70 ms each here): 200 queries of at most 3 pages keep this near 30 s. */
  private static final int QUERIES = Integer.getInteger("tables.queries", 200);
  private static final List<String> COLUMNS = List.of("s", "n", "d", "t");
  private static final long SEED = Long.getLong("tables.seed", System.nanoTime());

  private static final String[] STRINGS = {"", "a", "A", "ab", "b", "B", "zz", "\u00e9t\u00e9", "\ud83d\ude00", "a b", "~"};
  private static final long[] INTEGERS = {Long.MIN_VALUE, -5, -1, 0, 1, 2, 3, 42, 9_007_199_254_740_993L, Long.MAX_VALUE};
  private static final double[] NUMBERS = {-1e300, -2.5, -0.125, 0.0, 0.1, 1.0, 2.25, 3.0, 1e300};
  private static final Instant BASE = Instant.parse("2026-11-28T00:00:00.123456Z");

  private static Connection sql;
  private static RowService rows;
  private static String org;
  private static final Random RANDOM = new Random(SEED);

  @BeforeAll
  static void load() throws SQLException {
    System.out.println("TablesDifferentialTest seed " + SEED);
    DocumentStore store = new FirestoreDocumentStore(Emulators.firestore());
    Tables tables = new Tables(store, Clock.systemUTC());
    rows = new RowService(store, tables, Clock.systemUTC());
    org = "diff-" + Ids.newId();
    tables.create(org, new NewTable("items", List.of(
        new NewColumn("s", ColumnType.STRING, false, Optional.empty(), false, true),
        new NewColumn("n", ColumnType.INTEGER, false, Optional.empty(), false, true),
        new NewColumn("d", ColumnType.NUMBER, false, Optional.empty(), false, true),
        new NewColumn("t", ColumnType.TIMESTAMP, false, Optional.empty(), false, true),
        new NewColumn("b", ColumnType.BOOLEAN, false, Optional.empty(), false, false)), Optional.empty()));
    sql = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (Statement create = sql.createStatement()) {
      create.execute("CREATE TABLE items (id TEXT PRIMARY KEY, s TEXT, n INTEGER, d REAL, t INTEGER, b INTEGER)");
    }
    for (int batch = 0; batch < ROWS / 500; batch++) {
      List<JsonObject> given = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        given.add(randomRow());
      }
      List<Row> inserted = rows.insert(org, "items", given);
      try (PreparedStatement insert = sql.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < given.size(); i++) {
          JsonObject row = given.get(i);
          insert.setString(1, inserted.get(i).id());
          insert.setObject(2, row.get("s").isJsonNull() ? null : row.get("s").getAsString());
          insert.setObject(3, row.get("n").isJsonNull() ? null : row.get("n").getAsLong());
          insert.setObject(4, row.get("d").isJsonNull() ? null : row.get("d").getAsDouble());
          insert.setObject(5, row.get("t").isJsonNull() ? null : micros(Instant.parse(row.get("t").getAsString())));
          insert.setObject(6, row.get("b").isJsonNull() ? null : (row.get("b").getAsBoolean() ? 1 : 0));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  @AfterAll
  static void close() throws SQLException {
    sql.close();
  }

  @Test
  void randomQueriesOfEveryAcceptedShapeAnswerAsSqliteDoes() throws SQLException {
    int nonEmpty = 0;
    int multiPage = 0;
    int calls = 0;
    long started = System.nanoTime();
    for (int q = 0; q < QUERIES; q++) {
      Generated drawn = randomQuery();
      List<String> expected = reference(drawn);
      // At most 3 pages a query (a page of 1 or 7 only over few rows).
      Generated query = drawn.withPageSize(Math.max(drawn.pageSize, (expected.size() + 2) / 3));
      List<String> actual = new ArrayList<>();
      Optional<String> token = Optional.empty();
      int pages = 0;
      Optional<Long> count = Optional.empty();
      do {
        RowPage page = rows.query(org, "items", new RowQuery(query.filters, query.order, List.of("s"), query.pageSize, token,
            pages == 0 && q % 5 == 0));
        page.rows().forEach(row -> actual.add(row.id()));
        if (pages == 0) {
          count = page.count();
        }
        token = page.nextPageToken();
        pages++;
        calls++;
      } while (token.isPresent());
      assertEquals(expected, actual, () -> "seed " + SEED + ", query " + query.describe);
      count.ifPresent(c -> assertEquals(expected.size(), c, () -> "count of " + query.describe));
      nonEmpty += expected.isEmpty() ? 0 : 1;
      multiPage += pages > 1 ? 1 : 0;
    }
    System.out.printf("%d queries, %d pages in %d ms%n", QUERIES, calls, (System.nanoTime() - started) / 1_000_000);
    assertTrue(nonEmpty > QUERIES / 3, "most random queries should match rows: " + nonEmpty);
    assertTrue(multiPage > QUERIES / 10, "many queries should span several pages: " + multiPage);
  }

  private record Generated(List<RowFilter> filters, Optional<RowOrder> order, int pageSize, String where,
      List<Object> parameters, String orderBy, String describe) {
    Generated withPageSize(int size) {
      return new Generated(filters, order, size, where, parameters, orderBy, describe.replace("(page " + pageSize, "(page " + size));
    }
  }

  /** A random query of a shape the planner accepts: equalities on some columns, maybe one range and an order. */
  private static Generated randomQuery() {
    List<String> columns = new ArrayList<>(COLUMNS);
    Collections.shuffle(columns, RANDOM);
    int equalities = RANDOM.nextInt(3);
    List<RowFilter> filters = new ArrayList<>();
    List<String> where = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    boolean usedIn = false;
    for (String column : columns.subList(0, equalities)) {
      int kind = RANDOM.nextInt(5);
      if (kind == 0) {
        filters.add(new RowFilter(column, RowFilter.Op.IS_NULL, new JsonPrimitive(true)));
        where.add(column + " IS NULL");
      } else if (kind == 1 && !usedIn) {
        usedIn = true;
        JsonArray values = new JsonArray();
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < 1 + RANDOM.nextInt(4); i++) {
          JsonElement value = randomValue(column, false);
          values.add(value);
          marks.add("?");
          parameters.add(sqlValue(column, value));
        }
        filters.add(new RowFilter(column, RowFilter.Op.IN, values));
        where.add(column + " IN (" + String.join(", ", marks) + ")");
      } else {
        JsonElement value = randomValue(column, false);
        filters.add(new RowFilter(column, RowFilter.Op.EQ, value));
        where.add(column + " = ?");
        parameters.add(sqlValue(column, value));
      }
    }
    String orderColumn = null;
    boolean descending = RANDOM.nextBoolean();
    Optional<RowOrder> order = Optional.empty();
    String rest = columns.get(equalities);
    int shape = RANDOM.nextInt(4);
    if (shape >= 1) {
      orderColumn = rest;
      order = shape == 3 ? Optional.empty() : Optional.of(new RowOrder(rest, descending));
      if (order.isEmpty()) {
        descending = false;
      }
    }
    if (shape >= 2) {
      // One to three range filters on the order column.
      List<RowFilter.Op> ops = new ArrayList<>(List.of(RowFilter.Op.GT, RowFilter.Op.GTE, RowFilter.Op.LT, RowFilter.Op.LTE,
          RowFilter.Op.NEQ, RowFilter.Op.IS_NULL));
      boolean lower = false;
      boolean upper = false;
      boolean notEqual = false;
      for (int i = 0; i < 1 + RANDOM.nextInt(3); i++) {
        RowFilter.Op op = ops.get(RANDOM.nextInt(ops.size()));
        if (op == RowFilter.Op.IS_NULL) {
          filters.add(new RowFilter(rest, op, new JsonPrimitive(false)));
          where.add(rest + " IS NOT NULL");
          ops.remove(op);
          continue;
        }
        boolean isLower = op == RowFilter.Op.GT || op == RowFilter.Op.GTE;
        boolean isUpper = op == RowFilter.Op.LT || op == RowFilter.Op.LTE;
        if ((isLower && lower) || (isUpper && upper) || (op == RowFilter.Op.NEQ && notEqual)) {
          continue;
        }
        lower |= isLower;
        upper |= isUpper;
        notEqual |= op == RowFilter.Op.NEQ;
        JsonElement value = randomValue(rest, false);
        filters.add(new RowFilter(rest, op, value));
        where.add(rest + " " + switch (op) {
          case GT -> ">";
          case GTE -> ">=";
          case LT -> "<";
          case LTE -> "<=";
          default -> "<>";
        } + " ?");
        parameters.add(sqlValue(rest, value));
      }
    }
    String direction = descending ? " DESC" : " ASC";
    String orderBy = orderColumn == null ? "id ASC" : orderColumn + direction + ", id" + direction;
    int[] sizes = {1, 7, 50, 200, 1000};
    int pageSize = sizes[RANDOM.nextInt(sizes.length)];
    if (pageSize == 1 && RANDOM.nextInt(4) != 0) {
      pageSize = 13;
    }
    String whereClause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return new Generated(filters, order, pageSize, whereClause, parameters, orderBy,
        whereClause + " ORDER BY " + orderBy + " (page " + pageSize + ", params " + parameters + ")");
  }

  private static List<String> reference(Generated query) throws SQLException {
    try (PreparedStatement select = sql.prepareStatement("SELECT id FROM items" + query.where + " ORDER BY " + query.orderBy)) {
      for (int i = 0; i < query.parameters.size(); i++) {
        select.setObject(i + 1, query.parameters.get(i));
      }
      List<String> ids = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          ids.add(result.getString(1));
        }
      }
      return ids;
    }
  }

  private static JsonObject randomRow() {
    JsonObject row = new JsonObject();
    for (String column : COLUMNS) {
      row.add(column, randomValue(column, true));
    }
    row.add("b", RANDOM.nextInt(5) == 0 ? JsonNull.INSTANCE : new JsonPrimitive(RANDOM.nextBoolean()));
    return row;
  }

  private static JsonElement randomValue(String column, boolean mayBeNull) {
    if (mayBeNull && RANDOM.nextInt(6) == 0) {
      return JsonNull.INSTANCE;
    }
    return switch (column) {
      case "s" -> new JsonPrimitive(STRINGS[RANDOM.nextInt(STRINGS.length)]);
      case "n" -> new JsonPrimitive(INTEGERS[RANDOM.nextInt(INTEGERS.length)]);
      case "d" -> new JsonPrimitive(NUMBERS[RANDOM.nextInt(NUMBERS.length)]);
      default -> new JsonPrimitive(BASE.plus(RANDOM.nextInt(12) * 1_000_001L - 3_000_000L, ChronoUnit.MICROS).toString());
    };
  }

  private static Object sqlValue(String column, JsonElement value) {
    return switch (column) {
      case "s" -> value.getAsString();
      case "n" -> value.getAsLong();
      case "d" -> value.getAsDouble();
      default -> micros(Instant.parse(value.getAsString()));
    };
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
