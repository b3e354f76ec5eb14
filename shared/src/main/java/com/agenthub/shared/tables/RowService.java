package com.agenthub.shared.tables;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rows of tenant tables: insert and upsert in atomic batches, get, partial update with
 * If-Match, delete one or (bounded) by filter, and query. Every row change commits with its
 * outbox record; every value of a unique column (besides the primary key, which is the document
 * id) commits with a guard document claiming it, so two rows can never both take a value.
 */
public final class RowService {

  private final DocumentStore store;
  private final Tables tables;
  private final Clock clock;

  public RowService(DocumentStore store, Tables tables, Clock clock) {
    this.store = store;
    this.tables = tables;
    this.clock = clock;
  }

  /** A validated row on its way into the store. */
  private record Prepared(int index, String documentId, Map<String, Object> values) {}

  /** Inserts every row or none: all are checked first, and one commit writes them with their guards. */
  public List<Row> insert(String organizationId, String tableName, List<JsonObject> rows) {
    TableSchema table = tables.active(organizationId, tableName);
    requireBatch(rows);
    List<Prepared> prepared = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> values = RowDocuments.validate(table, rows.get(i), false, "rows[" + i + "].");
      prepared.add(new Prepared(i, RowIds.forNewRow(table, values, "rows[" + i + "]."), values));
    }
    requireDistinct(table, prepared);
    Instant now = Timestamps.now(clock);
    List<Write> writes = new ArrayList<>();
    for (Prepared row : prepared) {
      writes.add(Write.create(TablePaths.row(organizationId, table.tableId(), row.documentId()),
          RowDocuments.data(table, row.values(), now, now)));
      for (Column column : table.uniqueColumns()) {
        Object value = row.values().get(column.key());
        if (value != null) {
          writes.add(Write.create(guard(table, column, value), Map.of("row_id", row.documentId())));
        }
      }
      writes.add(RowDocuments.changeRecord(Change.CREATED, table, row.documentId(), row.values(), now));
    }
    List<Version> versions;
    try {
      versions = store.commit(writes);
    } catch (StoreException e) {
      if (e.reason() == StoreException.Reason.ALREADY_EXISTS) {
        throw duplicate(table, prepared, Optional.empty());
      }
      throw e;
    }
    List<Row> inserted = new ArrayList<>();
    int at = 0;
    for (Prepared row : prepared) {
      StoredDocument doc = new StoredDocument(TablePaths.row(organizationId, table.tableId(), row.documentId()),
          RowDocuments.data(table, row.values(), now, now), versions.get(at));
      inserted.add(RowDocuments.row(table, doc));
      at += 2 + (int) table.uniqueColumns().stream().filter(c -> row.values().get(c.key()) != null).count();
    }
    return inserted;
  }

  /**
   * Inserts each row, or updates the row that already has its value of {@code onColumn} (the
   * primary key by default, else a unique column) with the columns given; all in one transaction.
   */
  public List<Row> upsert(String organizationId, String tableName, List<JsonObject> rows, Optional<String> onColumn) {
    TableSchema table = tables.active(organizationId, tableName);
    requireBatch(rows);
    Column on = onColumn.map(name -> table.require("on", name))
        .or(table::primaryKeyColumn)
        .orElseThrow(() -> ApiError.invalid("on", "the table has no primary key: name a unique column in 'on'"));
    boolean onKey = table.primaryKey().equals(Optional.of(on.key()));
    if (!on.unique()) {
      throw ApiError.invalid("on", "'" + on.name() + "' is not unique: upsert on the primary key or a unique column");
    }
    List<Map<String, Object>> given = new ArrayList<>();
    Map<Object, Integer> seen = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, Object> values = RowDocuments.validate(table, rows.get(i), true, "rows[" + i + "].");
      Object target = values.get(on.key());
      if (target == null) {
        throw ApiError.invalid("rows[" + i + "]." + on.name(), "'" + on.name() + "' is required to upsert on it");
      }
      if (seen.put(target, i) != null) {
        throw ApiError.withField(ErrorKind.CONFLICT, "rows[" + i + "]." + on.name(),
            "rows[" + seen.get(target) + "] has the same " + on.name());
      }
      given.add(values);
    }
    Instant now = Timestamps.now(clock);
    try {
      List<String> ids = store.inTransaction(tx -> {
        List<String> documentIds = new ArrayList<>();
        if (onKey) {
          for (int i = 0; i < given.size(); i++) {
            documentIds.add(RowIds.fromKey(on, given.get(i).get(on.key()), "rows[" + i + "]." + on.name()));
          }
        } else {
          List<DocumentPath> guards = given.stream().map(v -> guard(table, on, v.get(on.key()))).toList();
          List<Optional<StoredDocument>> found = tx.getAll(guards);
          for (int i = 0; i < found.size(); i++) {
            if (found.get(i).isPresent()) {
              documentIds.add(found.get(i).get().string("row_id"));
            } else {
              Map<String, Object> values = RowDocuments.validate(table, rows.get(i), false, "rows[" + i + "].");
              documentIds.add(RowIds.forNewRow(table, values, "rows[" + i + "]."));
            }
          }
        }
        List<Optional<StoredDocument>> existing = tx.getAll(documentIds.stream()
            .map(id -> TablePaths.row(organizationId, table.tableId(), id)).toList());
        for (int i = 0; i < given.size(); i++) {
          DocumentPath path = TablePaths.row(organizationId, table.tableId(), documentIds.get(i));
          Optional<StoredDocument> old = existing.get(i);
          Map<String, Object> values;
          Map<String, Object> before;
          if (old.isPresent()) {
            before = RowDocuments.values(table, old.get().data());
            values = new LinkedHashMap<>(before);
            values.putAll(given.get(i));
            requireComplete(table, values, "rows[" + i + "].");
          } else {
            before = Map.of();
            values = RowDocuments.validate(table, rows.get(i), false, "rows[" + i + "].");
          }
          Instant created = old.map(doc -> doc.instant("created_at")).orElse(now);
          tx.write(old.isPresent() ? Write.set(path, RowDocuments.data(table, values, created, now))
              : Write.create(path, RowDocuments.data(table, values, created, now)));
          guardWrites(table, documentIds.get(i), before, values).forEach(tx::write);
          tx.write(RowDocuments.changeRecord(old.isPresent() ? Change.UPDATED : Change.CREATED, table, documentIds.get(i),
              values, now));
        }
        return documentIds;
      });
      List<Optional<StoredDocument>> written = store.getAll(ids.stream()
          .map(id -> TablePaths.row(organizationId, table.tableId(), id)).toList());
      return written.stream().flatMap(Optional::stream).map(doc -> RowDocuments.row(table, doc)).toList();
    } catch (StoreException e) {
      if (e.reason() == StoreException.Reason.ALREADY_EXISTS) {
        throw ApiError.withField(ErrorKind.CONFLICT, "rows", "a unique value in these rows is taken by another row");
      }
      throw e;
    }
  }

  public Row get(String organizationId, String tableName, String rowId) {
    TableSchema table = tables.active(organizationId, tableName);
    return RowDocuments.row(table, load(table, rowId));
  }

  /** Changes the columns given (null clears one); the primary key cannot change. */
  public Row update(String organizationId, String tableName, String rowId, JsonObject changes, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      TableSchema table = tables.active(organizationId, tableName);
      StoredDocument current = load(table, rowId);
      OptimisticWrites.requireMatch(current, ifMatch, "row");
      Map<String, Object> given = RowDocuments.validate(table, changes, true, "");
      Map<String, Object> before = RowDocuments.values(table, current.data());
      table.primaryKeyColumn().ifPresent(pk -> {
        if (given.containsKey(pk.key()) && !Objects.equals(given.get(pk.key()), before.get(pk.key()))) {
          throw ApiError.invalid(pk.name(), "'" + pk.name() + "' is the primary key; it cannot change");
        }
      });
      Map<String, Object> values = new LinkedHashMap<>(before);
      values.putAll(given);
      requireComplete(table, values, "");
      Instant now = Timestamps.now(clock);
      Map<String, Object> data = RowDocuments.data(table, values, current.instant("created_at"), now);
      List<Write> writes = new ArrayList<>();
      writes.add(Write.update(current.path(), data, Optional.of(current.version())));
      writes.addAll(guardWrites(table, current.id(), before, values));
      writes.add(RowDocuments.changeRecord(Change.UPDATED, table, current.id(), values, now));
      try {
        Version version = store.commit(writes).get(0);
        return RowDocuments.row(table, new StoredDocument(current.path(), data, version));
      } catch (StoreException e) {
        if (e.reason() == StoreException.Reason.ALREADY_EXISTS) {
          throw duplicate(table, List.of(new Prepared(0, current.id(), values)), Optional.of(""));
        }
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "row");
      }
    }
  }

  public void delete(String organizationId, String tableName, String rowId, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      TableSchema table = tables.active(organizationId, tableName);
      StoredDocument current = load(table, rowId);
      OptimisticWrites.requireMatch(current, ifMatch, "row");
      try {
        store.commit(deletion(table, current));
        return;
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "row");
      }
    }
  }

  /** What DeleteRows did: how many rows it deleted, and whether more match the filters. */
  public record Deleted(int deleted, boolean more) {}

  /** Deletes up to {@link TableLimits#MAX_DELETE_ROWS} rows matching {@code filters}, atomically; call again while {@code more}. */
  public Deleted deleteWhere(String organizationId, String tableName, List<RowFilter> filters) {
    for (int attempt = 1; ; attempt++) {
      TableSchema table = tables.active(organizationId, tableName);
      QueryPlanner.Plan plan = QueryPlanner.plan(table, filters, Optional.empty());
      List<StoredDocument> found = store.query(plan.query().limit(TableLimits.MAX_DELETE_ROWS + 1));
      List<StoredDocument> batch = found.subList(0, Math.min(found.size(), TableLimits.MAX_DELETE_ROWS));
      List<Write> writes = new ArrayList<>();
      batch.forEach(doc -> writes.addAll(deletion(table, doc)));
      try {
        if (!writes.isEmpty()) {
          store.commit(writes);
        }
        return new Deleted(batch.size(), found.size() > batch.size());
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, Optional.empty(), attempt, "rows");
      }
    }
  }

  /** One page of the rows matching a query, in its order; see {@link QueryPlanner} for the shapes served. */
  public RowPage query(String organizationId, String tableName, RowQuery request) {
    TableSchema table = tables.active(organizationId, tableName);
    request.select().forEach(name -> table.require("select", name));
    QueryPlanner.Plan plan = QueryPlanner.plan(table, request.filters(), request.order());
    String fingerprint = RowCursors.fingerprint(table, plan.query());
    Query query = plan.query();
    if (request.pageToken().isPresent()) {
      query = query.startAfter(RowCursors.decode(request.pageToken().get(), fingerprint));
    }
    List<StoredDocument> found = store.query(query.limit(request.pageSize() + 1));
    Optional<String> next = Optional.empty();
    if (found.size() > request.pageSize()) {
      found = found.subList(0, request.pageSize());
      StoredDocument last = found.get(found.size() - 1);
      next = Optional.of(RowCursors.encode(plan.orderSlot().map(last.data()::get).orElse(null), last.id(), fingerprint));
    }
    Optional<Long> count = request.count() ? Optional.of(store.count(plan.query())) : Optional.empty();
    return new RowPage(table, found.stream().map(doc -> RowDocuments.row(table, doc)).toList(), next, count);
  }

  private List<Write> deletion(TableSchema table, StoredDocument current) {
    Map<String, Object> before = RowDocuments.values(table, current.data());
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(current.path(), Optional.of(current.version())));
    writes.addAll(guardWrites(table, current.id(), before, Map.of()));
    writes.add(RowDocuments.changeRecord(Change.DELETED, table, current.id(), before, Timestamps.now(clock)));
    return writes;
  }

  /** The guard writes that move a row's unique values from {@code before} to {@code after}. */
  private List<Write> guardWrites(TableSchema table, String documentId, Map<String, Object> before, Map<String, Object> after) {
    List<Write> writes = new ArrayList<>();
    for (Column column : table.uniqueColumns()) {
      Object old = before.get(column.key());
      Object now = after.get(column.key());
      if (Objects.equals(old, now)) {
        continue;
      }
      if (old != null) {
        writes.add(Write.delete(guard(table, column, old), Optional.empty()));
      }
      if (now != null) {
        writes.add(Write.create(guard(table, column, now), Map.of("row_id", documentId)));
      }
    }
    return writes;
  }

  private StoredDocument load(TableSchema table, String rowId) {
    return store.get(TablePaths.row(table.organizationId(), table.tableId(), RowIds.fromWire(table, rowId)))
        .orElseThrow(() -> ApiError.notFound("row"));
  }

  private static DocumentPath guard(TableSchema table, Column column, Object value) {
    return TablePaths.uniqueGuard(table.organizationId(), table.tableId(), RowDocuments.guardId(column, value));
  }

  private static void requireBatch(List<JsonObject> rows) {
    if (rows.isEmpty() || rows.size() > TableLimits.MAX_BATCH_ROWS) {
      throw ApiError.invalid("rows", "'rows' must hold 1.." + TableLimits.MAX_BATCH_ROWS + " rows");
    }
  }

  private static void requireComplete(TableSchema table, Map<String, Object> values, String prefix) {
    for (Column column : table.columns()) {
      if (column.required() && values.get(column.key()) == null) {
        throw ApiError.invalid(prefix + column.name(), "'" + column.name() + "' is required");
      }
    }
  }

  /** Two rows of one batch may not share a primary key or a unique value. */
  private static void requireDistinct(TableSchema table, List<Prepared> rows) {
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> guards = new HashMap<>();
    for (Prepared row : rows) {
      String prefix = "rows[" + row.index() + "].";
      Integer earlier = ids.put(row.documentId(), row.index());
      if (earlier != null && table.primaryKeyColumn().isPresent()) {
        throw ApiError.withField(ErrorKind.CONFLICT, prefix + table.primaryKeyColumn().get().name(),
            "rows[" + earlier + "] has the same " + table.primaryKeyColumn().get().name());
      }
      for (Column column : table.uniqueColumns()) {
        Object value = row.values().get(column.key());
        if (value != null && (earlier = guards.put(RowDocuments.guardId(column, value), row.index())) != null) {
          throw ApiError.withField(ErrorKind.CONFLICT, prefix + column.name(), "rows[" + earlier + "] has the same " + column.name());
        }
      }
    }
  }

  /** After a commit failed on an existing document: which row's key or unique value was taken (409 naming it). */
  private ApiError duplicate(TableSchema table, List<Prepared> rows, Optional<String> prefixOverride) {
    for (Prepared row : rows) {
      String prefix = prefixOverride.orElse("rows[" + row.index() + "].");
      if (table.primaryKeyColumn().isPresent()
          && store.get(TablePaths.row(table.organizationId(), table.tableId(), row.documentId())).isPresent()) {
        Column pk = table.primaryKeyColumn().get();
        return ApiError.withField(ErrorKind.CONFLICT, prefix + pk.name(), "a row with this " + pk.name() + " already exists");
      }
      for (Column column : table.uniqueColumns()) {
        Object value = row.values().get(column.key());
        if (value != null) {
          Optional<StoredDocument> taken = store.get(guard(table, column, value));
          if (taken.isPresent() && !row.documentId().equals(taken.get().string("row_id"))) {
            return ApiError.withField(ErrorKind.CONFLICT, prefix + column.name(),
                "another row already has this " + column.name() + " (it is unique)");
          }
        }
      }
    }
    return ApiError.withField(ErrorKind.CONFLICT, "rows", "a key or unique value of these rows was taken meanwhile; retry");
  }
}
