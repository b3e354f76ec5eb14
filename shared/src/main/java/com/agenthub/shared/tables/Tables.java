package com.agenthub.shared.tables;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tenant tables: create, read, list (by name), alter (add, drop, rename columns; every change
 * raises the schema version, and rows written before read new columns' defaults) and delete
 * (the table answers 404 at once; its rows go in batches, the progress on the table meanwhile).
 */
public final class Tables {

  /** Rows one deletion step removes: one commit. */
  static final int DELETE_BATCH = 500;
  /**
   * How long a deleted table's id is still watched for rows: an InsertRows that read the table
   * before DeleteTable may commit after the last sweep pass, for as long as a request can run
   * (Terraform caps the function timeout at 540 s). Rows it left are deleted by a later pass.
   */
  static final Duration IN_FLIGHT_GRACE = Duration.ofMinutes(10);

  private final DocumentStore store;
  private final Clock clock;
  private final Pager pager;

  public Tables(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.pager = new Pager(store);
  }

  public TableSchema create(String organizationId, NewTable request) {
    if (store.count(Query.all(TablePaths.tables(organizationId), 1)) >= TableLimits.MAX_TABLES) {
      throw ApiError.withField(ErrorKind.UNPROCESSABLE, "name",
          "the organization has " + TableLimits.MAX_TABLES + " tables, the limit; delete one first");
    }
    Instant now = Timestamps.now(clock);
    List<Column> columns = new ArrayList<>();
    int slot = 0;
    for (NewColumn c : request.columns()) {
      boolean key = request.primaryKey().equals(Optional.of(c.name()));
      columns.add(new Column("c" + (columns.size() + 1), c.name(), c.type(), c.required() || key, c.defaultValue(),
          c.unique() || key, c.indexed() ? Optional.of(slot++) : Optional.empty(), 1));
    }
    Optional<String> primaryKey = request.primaryKey()
        .map(name -> columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().key());
    TableSchema table = new TableSchema(organizationId, request.name(), Ids.newId(), columns, primaryKey, 1,
        columns.size() + 1, slot, TableSchema.ACTIVE, 0, now, now, new Version(now));
    try {
      Version version = store.commit(List.of(
          Write.create(TablePaths.table(organizationId, request.name()), TableDocuments.data(table)),
          TableDocuments.changeRecord(Change.CREATED, table, now))).get(0);
      return withVersion(table, version);
    } catch (StoreException e) {
      if (e.reason() == StoreException.Reason.ALREADY_EXISTS) {
        throw ApiError.withField(ErrorKind.CONFLICT, "name", "a table named '" + request.name() + "' already exists");
      }
      throw e;
    }
  }

  /** The table, active or being deleted (then with its progress); 404 when there is none of that name. */
  public TableSchema get(String organizationId, String name) {
    return TableDocuments.table(load(organizationId, name));
  }

  /** An active table, for row operations: one being deleted answers 404 like a missing one. */
  public TableSchema active(String organizationId, String name) {
    TableSchema table = get(organizationId, name);
    if (!TableSchema.ACTIVE.equals(table.status())) {
      throw ApiError.notFound("table");
    }
    return table;
  }

  public Page<TableSchema> list(String organizationId, PageRequest page) {
    return pager.page(Query.all(TablePaths.tables(organizationId), 1).orderBy("created_at"), page).map(TableDocuments::table);
  }

  public TableSchema alter(String organizationId, String name, TableAlteration alteration, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, name);
      OptimisticWrites.requireMatch(current, ifMatch, "table");
      TableSchema table = TableDocuments.table(current);
      if (!TableSchema.ACTIVE.equals(table.status())) {
        throw ApiError.notFound("table");
      }
      TableSchema altered = apply(table, alteration);
      Instant now = Timestamps.now(clock);
      altered = new TableSchema(altered.organizationId(), altered.name(), altered.tableId(), altered.columns(),
          altered.primaryKey(), altered.schemaVersion(), altered.nextColumn(), altered.nextSlot(), altered.status(),
          altered.rowsDeleted(), altered.createdAt(), now, altered.version());
      try {
        Version version = store.commit(List.of(
            Write.update(current.path(), TableDocuments.data(altered), Optional.of(current.version())),
            TableDocuments.changeRecord(Change.UPDATED, altered, now))).get(0);
        return withVersion(altered, version);
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "table");
      }
    }
  }

  private TableSchema apply(TableSchema table, TableAlteration alteration) {
    List<Column> columns = new ArrayList<>(table.columns());
    long version = table.schemaVersion() + 1;
    for (Map.Entry<String, String> rename : alteration.renameColumns().entrySet()) {
      Column column = table.require("rename_columns." + rename.getKey(), rename.getKey());
      if (columns.stream().anyMatch(c -> c.name().equals(rename.getValue()))) {
        throw ApiError.withField(ErrorKind.CONFLICT, "rename_columns." + rename.getKey(),
            "the table already has a column '" + rename.getValue() + "'");
      }
      columns.replaceAll(c -> c.key().equals(column.key()) ? c.renamed(rename.getValue()) : c);
    }
    TableSchema renamed = withColumns(table, columns, table.nextColumn(), table.nextSlot(), table.schemaVersion());
    for (String drop : alteration.dropColumns()) {
      Column column = renamed.require("drop_columns", drop);
      if (table.primaryKey().equals(Optional.of(column.key()))) {
        throw ApiError.withField(ErrorKind.CONFLICT, "drop_columns", "'" + drop + "' is the primary key; it cannot be dropped");
      }
      columns.removeIf(c -> c.key().equals(column.key()));
    }
    if (columns.isEmpty() && alteration.addColumns().isEmpty()) {
      throw ApiError.withField(ErrorKind.CONFLICT, "drop_columns", "a table keeps at least one column");
    }
    long nextColumn = table.nextColumn();
    int nextSlot = table.nextSlot();
    Set<String> names = new HashSet<>();
    columns.forEach(c -> names.add(c.name()));
    for (int i = 0; i < alteration.addColumns().size(); i++) {
      NewColumn add = alteration.addColumns().get(i);
      String field = "add_columns[" + i + "].";
      if (!names.add(add.name())) {
        throw ApiError.withField(ErrorKind.CONFLICT, field + "name", "the table already has a column '" + add.name() + "'");
      }
      if (add.required() && add.defaultValue().isEmpty()) {
        throw ApiError.invalid(field + "default", "a required column added to a table needs a default for its existing rows");
      }
      Optional<Integer> slot = Optional.empty();
      if (add.indexed()) {
        if (nextSlot >= TableLimits.MAX_INDEXED_COLUMNS) {
          throw ApiError.withField(ErrorKind.UNPROCESSABLE, field + "indexed", "the table has used its "
              + TableLimits.MAX_INDEXED_COLUMNS + " index slots (a dropped indexed column keeps its slot)");
        }
        if (add.defaultValue().isPresent() && hasRows(table)) {
          throw ApiError.withField(ErrorKind.UNPROCESSABLE, field + "indexed", "an indexed column with a default cannot be "
              + "added to a table that has rows (its existing rows would need re-indexing); add it without a default");
        }
        slot = Optional.of(nextSlot++);
      }
      // A unique column added to a table with rows is safe: it has no default, its rows hold null, and null is no duplicate.
      columns.add(new Column("c" + nextColumn++, add.name(), add.type(), add.required(), add.defaultValue(), add.unique(),
          slot, version));
    }
    if (columns.size() > TableLimits.MAX_COLUMNS) {
      throw ApiError.withField(ErrorKind.UNPROCESSABLE, "add_columns", "a table has at most " + TableLimits.MAX_COLUMNS + " columns");
    }
    return withColumns(table, columns, nextColumn, nextSlot, version);
  }

  private boolean hasRows(TableSchema table) {
    return !store.query(Query.all(TablePaths.rows(table.organizationId(), table.tableId()), 1)).isEmpty();
  }

  /**
   * Deletes the table: it answers 404 to row operations at once and its name stays taken until
   * its rows are gone. Removes up to {@code budget} of rows now; answers the table (status
   * {@code deleting} and its progress) if rows remain: {@link #sweepDeletions} (scheduled) or the
   * next DeleteTable call goes on with them.
   */
  public Optional<TableSchema> delete(String organizationId, String name, Optional<Version> ifMatch, Duration budget) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, name);
      OptimisticWrites.requireMatch(current, ifMatch, "table");
      TableSchema table = TableDocuments.table(current);
      if (!TableSchema.ACTIVE.equals(table.status())) {
        return continueDeletion(organizationId, name, table.tableId(), budget);
      }
      Instant now = Timestamps.now(clock);
      TableSchema deleting = new TableSchema(table.organizationId(), table.name(), table.tableId(), table.columns(),
          table.primaryKey(), table.schemaVersion(), table.nextColumn(), table.nextSlot(), TableSchema.DELETING, 0,
          table.createdAt(), now, table.version());
      try {
        store.commit(List.of(
            Write.update(current.path(), Map.of("status", TableSchema.DELETING, "updated_at", now),
                Optional.of(current.version())),
            Write.set(TablePaths.deletion(table.tableId()), Map.of("organization_id", organizationId, "name", name,
                "table_id", table.tableId(), "requested_at", now)),
            TableDocuments.changeRecord(Change.DELETED, deleting, now)));
        return continueDeletion(organizationId, name, table.tableId(), budget);
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "table");
      }
    }
  }

  /**
   * One more stretch of deleting a table's rows; empty once the table is gone. Safe to repeat.
   * Once it is gone its id stays watched for {@link #IN_FLIGHT_GRACE}: rows an insert that raced
   * the deletion committed afterwards are deleted too, then the deletion record goes.
   */
  public Optional<TableSchema> continueDeletion(String organizationId, String name, String tableId, Duration budget) {
    Instant deadline = clock.instant().plus(budget);
    while (true) {
      Optional<StoredDocument> current = store.get(TablePaths.table(organizationId, name));
      boolean tableGone = current.isEmpty() || !tableId.equals(current.get().string("table_id"));
      List<Write> deletes = leftovers(organizationId, tableId);
      if (deletes.isEmpty()) {
        Instant now = Timestamps.now(clock);
        if (!tableGone) {
          store.commit(List.of(Write.delete(current.get().path(), Optional.empty()),
              Write.update(TablePaths.deletion(tableId), Map.of("cleared_at", now), Optional.empty())));
        } else {
          Optional<Instant> cleared = store.get(TablePaths.deletion(tableId))
              .flatMap(record -> Optional.ofNullable(record.data().get("cleared_at")).map(at -> record.instant("cleared_at")));
          if (cleared.isEmpty() || !now.isBefore(cleared.get().plus(IN_FLIGHT_GRACE))) {
            store.commit(List.of(Write.delete(TablePaths.deletion(tableId), Optional.empty())));
          }
        }
        return Optional.empty();
      }
      if (tableGone) {
        StructuredLog.warning("rows written by an insert that raced DeleteTable removed",
            Map.of("table_id", tableId, "rows", deletes.size()));
      } else {
        deletes.add(Write.increment(current.get().path(), "rows_deleted", deletes.size(), Map.of()));
      }
      store.commit(deletes);
      if (clock.instant().isAfter(deadline)) {
        return tableGone ? Optional.empty() : Optional.of(get(organizationId, name));
      }
    }
  }

  /** Up to one batch of what is left of a table: its rows, then its unique-value guards. */
  private List<Write> leftovers(String organizationId, String tableId) {
    List<Write> deletes = new ArrayList<>();
    for (var collection : List.of(TablePaths.rows(organizationId, tableId),
        TablePaths.uniqueGuard(organizationId, tableId, "x").parent())) {
      if (deletes.isEmpty()) {
        for (StoredDocument doc : store.query(Query.all(collection, DELETE_BATCH))) {
          deletes.add(Write.delete(doc.path(), Optional.empty()));
        }
      }
    }
    return deletes;
  }

  /**
   * The background part of DeleteTable (run on a schedule): continues every table deletion that
   * its request left unfinished, and re-checks deleted tables within their grace, within
   * {@code budget} in all. Returns how many deletion records it closed.
   */
  public int sweepDeletions(Duration budget) {
    Instant deadline = clock.instant().plus(budget);
    int finished = 0;
    for (StoredDocument deletion : store.query(Query.all(TablePaths.DELETIONS, 50))) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative()) {
        break;
      }
      continueDeletion(deletion.string("organization_id"), deletion.string("name"), deletion.string("table_id"), left);
      if (store.get(deletion.path()).isEmpty()) {
        finished++;
      }
    }
    return finished;
  }

  StoredDocument load(String organizationId, String name) {
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw ApiError.notFound("table");
    }
    return store.get(TablePaths.table(organizationId, name)).orElseThrow(() -> ApiError.notFound("table"));
  }

  private static TableSchema withColumns(TableSchema t, List<Column> columns, long nextColumn, int nextSlot, long version) {
    return new TableSchema(t.organizationId(), t.name(), t.tableId(), columns, t.primaryKey(), version, nextColumn, nextSlot,
        t.status(), t.rowsDeleted(), t.createdAt(), t.updatedAt(), t.version());
  }

  private static TableSchema withVersion(TableSchema t, Version version) {
    return new TableSchema(t.organizationId(), t.name(), t.tableId(), t.columns(), t.primaryKey(), t.schemaVersion(),
        t.nextColumn(), t.nextSlot(), t.status(), t.rowsDeleted(), t.createdAt(), t.updatedAt(), version);
  }
}
