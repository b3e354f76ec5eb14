package com.agenthub.shared.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A table too large to delete within its request: gone for row operations at once, its rows deleted in the background. */
class TableDeletionTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final Tables tables = new Tables(store, Clock.systemUTC());
  private final RowService rows = new RowService(store, tables, Clock.systemUTC());

  @Test
  void aLargeTableShowsItsProgressAndTheSweepFinishesIt() {
    tables.create("o1", new NewTable("big", List.of(
        new NewColumn("code", ColumnType.STRING, true, Optional.empty(), true, true)), Optional.empty()));
    for (int batch = 0; batch < 3; batch++) {
      List<JsonObject> given = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        JsonObject row = new JsonObject();
        row.add("code", new JsonPrimitive("c" + batch + "-" + i));
        given.add(row);
      }
      rows.insert("o1", "big", given);
    }

    Optional<TableSchema> left = tables.delete("o1", "big", Optional.empty(), Duration.ZERO);
    assertTrue(left.isPresent(), "one batch within a zero budget; rows remain");
    assertEquals(TableSchema.DELETING, left.get().status());
    assertEquals(Tables.DELETE_BATCH, left.get().rowsDeleted());
    assertEquals(TableSchema.DELETING, tables.get("o1", "big").status(), "the progress is visible on the table");
    assertEquals(ErrorKind.NOT_FOUND, assertThrows(ApiError.class, () -> rows.query("o1", "big",
        new RowQuery(List.of(), Optional.empty(), List.of(), 10, Optional.empty(), false))).kind());
    assertEquals(ErrorKind.CONFLICT, assertThrows(ApiError.class, () -> tables.create("o1", new NewTable("big", List.of(
        new NewColumn("x", ColumnType.STRING, false, Optional.empty(), false, false)), Optional.empty()))).kind(),
        "the name stays taken until the rows are gone");

    assertEquals(1, tables.sweepDeletions(Duration.ofSeconds(30)));
    assertEquals(ErrorKind.NOT_FOUND, assertThrows(ApiError.class, () -> tables.get("o1", "big")).kind());
    assertEquals(0, tables.sweepDeletions(Duration.ofSeconds(30)), "nothing left to sweep");
    String tableId = left.get().tableId();
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(TablePaths.rows("o1", tableId), 10)));
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(
        TablePaths.uniqueGuard("o1", tableId, "x").parent(), 10)), "the unique guards went too");
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(TablePaths.DELETIONS, 10)));
  }
}
