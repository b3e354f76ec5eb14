package com.agenthub.shared.changes;

import com.agenthub.shared.ingestion.DecodedMessage;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.warehouse.Rows;
import com.agenthub.shared.warehouse.TableRows;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The wire format of the platform-changes topic: one change per message,
 * {@code {"change_id": …, "table": …, "row": {…}}}, with the id and table also as attributes.
 */
public final class ChangeMessages {

  public static final String TOPIC = "platform-changes";

  private ChangeMessages() {}

  public static EventPublisher.Message encode(Change change) {
    JsonObject body = new JsonObject();
    body.addProperty("change_id", change.changeId());
    body.addProperty("table", change.table());
    body.add("row", change.row());
    return EventPublisher.Message.of(Json.GSON.toJson(body).getBytes(StandardCharsets.UTF_8),
        Map.of("change_id", change.changeId(), "table", change.table()));
  }

  /** The change as the row of its table; a table that is not a change table is undecodable. */
  public static DecodedMessage decodeRow(byte[] data) throws UndecodableMessageException {
    Change change = decode(data);
    Class<? extends Record> rowType = TableRows.of(change.table())
        .orElseThrow(() -> new UndecodableMessageException("no table '" + change.table() + "'"));
    try {
      Record row = Rows.fromJson(rowType, change.row());
      Map<String, Object> values = Rows.values(row);
      if (!change.changeId().equals(values.get("change_id"))) {
        throw new UndecodableMessageException("'" + change.table() + "' is not a change table, or the row's change_id differs");
      }
      return new DecodedMessage(change.table(), List.of(new Warehouse.Row(change.changeId(), values)), List.of());
    } catch (IllegalArgumentException e) {
      throw new UndecodableMessageException("not a valid " + change.table() + " row: " + e.getMessage(), e);
    }
  }

  public static Change decode(byte[] data) throws UndecodableMessageException {
    try {
      JsonElement parsed = JsonParser.parseString(new String(data, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        throw new UndecodableMessageException("a change message must be a JSON object");
      }
      JsonObject body = parsed.getAsJsonObject();
      for (String field : new String[] {"change_id", "table", "row"}) {
        if (!body.has(field) || body.get(field).isJsonNull()) {
          throw new UndecodableMessageException("a change message needs '" + field + "'");
        }
      }
      if (!body.get("row").isJsonObject()) {
        throw new UndecodableMessageException("'row' must be a JSON object");
      }
      return new Change(body.get("change_id").getAsString(), body.get("table").getAsString(), body.getAsJsonObject("row"));
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      throw new UndecodableMessageException("not a change message: " + e.getMessage(), e);
    }
  }
}
