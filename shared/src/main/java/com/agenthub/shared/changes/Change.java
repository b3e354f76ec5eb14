package com.agenthub.shared.changes;

import com.agenthub.shared.warehouse.Rows;
import com.agenthub.shared.warehouse.TableRows;
import com.google.gson.JsonObject;

/**
 * One committed state change, as the row it becomes in its warehouse change table. It travels
 * from the outbox through Pub/Sub to the warehouse as JSON; its id de-duplicates it everywhere.
 */
public record Change(String changeId, String table, JsonObject row) {

  /** Change types, as the change tables record them. */
  public static final String CREATED = "created";
  public static final String UPDATED = "updated";
  public static final String DELETED = "deleted";
  public static final String REVOKED = "revoked";
  public static final String INCREMENTED = "incremented";
  public static final String CLOSED = "closed";

  /** The change a row record describes; the record's type names its table. */
  public static Change of(Record row) {
    String table = TableRows.tableOf(row.getClass())
        .orElseThrow(() -> new IllegalArgumentException(row.getClass().getSimpleName() + " is no table's row"));
    JsonObject json = Rows.toJson(row);
    if (!json.has("change_id")) {
      throw new IllegalArgumentException(table + " is not a change table: its rows have no change_id");
    }
    return new Change(json.get("change_id").getAsString(), table, json);
  }
}
