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

    assertEquals(0, tables.sweepDeletions(Duration.ofSeconds(30)), "rows gone, but its id stays watched for the grace");
    assertEquals(ErrorKind.NOT_FOUND, assertThrows(ApiError.class, () -> tables.get("o1", "big")).kind());
    String tableId = left.get().tableId();
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(TablePaths.rows("o1", tableId), 10)));
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(
        TablePaths.uniqueGuard("o1", tableId, "x").parent(), 10)), "the unique guards went too");
    assertEquals(1, store.query(com.agenthub.shared.port.Query.all(TablePaths.DELETIONS, 10)).size());
  }

  @Test
  void rowsAnInsertThatRacedTheDeletionCommittedAfterwardsAreDeletedWithinTheGrace() {
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-28T10:00:00Z"));
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return now.get();
      }
    };
    Tables timed = new Tables(store, clock);
    RowService timedRows = new RowService(store, timed, clock);
    timed.create("o1", new NewTable("small", List.of(
        new NewColumn("code", ColumnType.STRING, true, Optional.empty(), true, true)), Optional.empty()));
    JsonObject row = new JsonObject();
    row.add("code", new JsonPrimitive("a"));
    timedRows.insert("o1", "small", List.of(row));
    String tableId = timed.get("o1", "small").tableId();
    assertTrue(timed.delete("o1", "small", Optional.empty(), Duration.ofSeconds(30)).isEmpty(), "small: gone at once");

    // An InsertRows that read the table before the delete commits its row (and unique guard) now.
    store.commit(List.of(
        com.agenthub.shared.port.Write.create(TablePaths.rows("o1", tableId).document("late"), java.util.Map.of("code", "b")),
        com.agenthub.shared.port.Write.create(TablePaths.uniqueGuard("o1", tableId, "late-guard"), java.util.Map.of())));
    now.set(now.get().plusSeconds(60));
    assertEquals(0, timed.sweepDeletions(Duration.ofSeconds(30)), "within the grace the record stays");
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(TablePaths.rows("o1", tableId), 10)),
        "the late row is deleted");
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(
        TablePaths.uniqueGuard("o1", tableId, "x").parent(), 10)), "and its guard");

    now.set(now.get().plus(Tables.IN_FLIGHT_GRACE));
    assertEquals(1, timed.sweepDeletions(Duration.ofSeconds(30)), "past the grace the record is closed");
    assertEquals(List.of(), store.query(com.agenthub.shared.port.Query.all(TablePaths.DELETIONS, 10)));
  }
}
