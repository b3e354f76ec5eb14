package com.agenthub.shared.changes;

import com.agenthub.shared.ingestion.DecodedMessage;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.warehouse.Rows;
import com.agenthub.shared.warehouse.TableRows;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire format of the platform-changes topic. A message carries one change,
 * {@code {"change_id": …, "table": …, "row": {…}}} with the id and table also as attributes, or
 * several changes of one table relayed together, {@code {"table": …, "changes": [<one change>, …]}}
 * with the table, the first change's id and {@code change_count} as attributes. Batching matters
 * for the consumer: a commit of 500 rows is then one delivery, one warehouse insert and one
 * ingestion marker, not 500 of each. Both shapes are read, so messages published by an older
 * version still ingest.
 */
public final class ChangeMessages {

  public static final String TOPIC = "platform-changes";
  /** Changes per message at most: BigQuery's recommended rows per streaming insert. */
  static final int MAX_CHANGES_PER_MESSAGE = 500;
  /** JSON characters per message at most: with ≤ 3 UTF-8 bytes each, under BigQuery's 10 MB per insert and Pub/Sub's 10 MB per message. */
  static final int MAX_MESSAGE_CHARS = 1_000_000;

  private ChangeMessages() {}

  /**
   * The changes as messages: grouped by table (in the order tables first appear), each group cut
   * into messages of at most {@link #MAX_CHANGES_PER_MESSAGE} changes and {@link #MAX_MESSAGE_CHARS}
   * characters; a change alone in its message is sent in the one-change shape.
   */
  public static List<EventPublisher.Message> encodeAll(List<Change> changes) {
    return encodeAll(changes, java.util.Collections.nCopies(changes.size(), null));
  }

  /** As {@link #encodeAll(List)}, with each change's row already written as JSON text (or null where not). */
  static List<EventPublisher.Message> encodeAll(List<Change> changes, List<String> rowTexts) {
    Map<String, List<Integer>> byTable = new LinkedHashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      byTable.computeIfAbsent(changes.get(i).table(), t -> new ArrayList<>()).add(i);
    }
    List<EventPublisher.Message> messages = new ArrayList<>();
    byTable.forEach((table, ofTable) -> {
      List<Change> batch = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      int envelope = table.length() + 32; // {"table":…,"changes":[…]}
      int chars = envelope;
      for (int i : ofTable) {
        Change change = changes.get(i);
        String text = json(change, rowTexts.get(i));
        if (!batch.isEmpty() && (batch.size() == MAX_CHANGES_PER_MESSAGE || chars + text.length() + 1 > MAX_MESSAGE_CHARS)) {
          messages.add(message(table, batch, texts));
          batch.clear();
          texts.clear();
          chars = envelope;
        }
        batch.add(change);
        texts.add(text);
        chars += text.length() + 1;
      }
      messages.add(message(table, batch, texts));
    });
    return messages;
  }

  /** Every change a message carries, in order (a message of another shape is undecodable). */
  public static List<Change> decodeAll(byte[] data) throws UndecodableMessageException {
    JsonObject body = parse(data);
    if (!body.has("changes")) {
      return List.of(change(body));
    }
    List<Change> changes = new ArrayList<>();
    for (JsonElement element : changesOf(body)) {
      if (!element.isJsonObject()) {
        throw new UndecodableMessageException("every element of 'changes' must be a JSON object");
      }
      changes.add(change(element.getAsJsonObject()));
    }
    return changes;
  }

  /**
   * The changes as rows of their table. A message that is neither shape, or names no change table,
   * is undecodable; within a message of several changes each is read on its own, so one bad
   * element is kept aside and the others still become rows.
   */
  public static DecodedMessage decodeRow(byte[] data) throws UndecodableMessageException {
    JsonObject body = parse(data);
    if (!body.has("changes")) {
      Change change = change(body);
      try {
        return new DecodedMessage(change.table(), List.of(row(change, rowType(change.table()))), List.of());
      } catch (IllegalArgumentException e) {
        throw new UndecodableMessageException(e.getMessage(), e);
      }
    }
    if (!body.has("table") || !body.get("table").isJsonPrimitive()) {
      throw new UndecodableMessageException("a message of several changes needs 'table'");
    }
    String table = body.get("table").getAsString();
    Class<? extends Record> rowType = rowType(table);
    return DecodedMessage.ofElements(table, changesOf(body), element -> {
      Change change = change(element);
      if (!table.equals(change.table())) {
        throw new IllegalArgumentException("a change of '" + change.table() + "' in a message of '" + table + "'");
      }
      return row(change, rowType);
    });
  }

  /** A message of one change (the one-change shape): the change. */
  public static Change decode(byte[] data) throws UndecodableMessageException {
    return change(parse(data));
  }

  /**
   * A change as JSON text, {@code {"change_id", "table", "row"}}: the element of a message and of a
   * batched outbox document. {@code rowText} is the row already written as JSON (null: written here).
   */
  static String json(Change change, String rowText) {
    String row = rowText != null ? rowText : Json.GSON.toJson(change.row());
    return "{\"change_id\":" + Json.GSON.toJson(change.changeId()) + ",\"table\":" + Json.GSON.toJson(change.table())
        + ",\"row\":" + row + "}";
  }

  private static EventPublisher.Message single(Change change, String text) {
    return EventPublisher.Message.of(text.getBytes(StandardCharsets.UTF_8),
        Map.of("change_id", change.changeId(), "table", change.table()));
  }

  private static EventPublisher.Message message(String table, List<Change> batch, List<String> texts) {
    if (batch.size() == 1) {
      return single(batch.get(0), texts.get(0));
    }
    String body = "{\"table\":" + Json.GSON.toJson(table) + ",\"changes\":[" + String.join(",", texts) + "]}";
    return EventPublisher.Message.of(body.getBytes(StandardCharsets.UTF_8),
        Map.of("table", table, "change_id", batch.get(0).changeId(), "change_count", Integer.toString(batch.size())));
  }

  private static JsonObject parse(byte[] data) throws UndecodableMessageException {
    try {
      JsonElement parsed = JsonParser.parseString(new String(data, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject()) {
        throw new UndecodableMessageException("a change message must be a JSON object");
      }
      return parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new UndecodableMessageException("not a change message: " + e.getMessage(), e);
    }
  }

  private static JsonArray changesOf(JsonObject body) throws UndecodableMessageException {
    if (!body.get("changes").isJsonArray()) {
      throw new UndecodableMessageException("'changes' must be a JSON array");
    }
    return body.getAsJsonArray("changes");
  }

  private static Change change(JsonObject body) throws UndecodableMessageException {
    for (String field : new String[] {"change_id", "table", "row"}) {
      if (!body.has(field) || body.get(field).isJsonNull()) {
        throw new UndecodableMessageException("a change message needs '" + field + "'");
      }
    }
    if (!body.get("row").isJsonObject()) {
      throw new UndecodableMessageException("'row' must be a JSON object");
    }
    try {
      return new Change(body.get("change_id").getAsString(), body.get("table").getAsString(), body.getAsJsonObject("row"));
    } catch (IllegalStateException | UnsupportedOperationException e) {
      throw new UndecodableMessageException("not a change message: " + e.getMessage(), e);
    }
  }

  private static Class<? extends Record> rowType(String table) throws UndecodableMessageException {
    return TableRows.of(table).orElseThrow(() -> new UndecodableMessageException("no table '" + table + "'"));
  }

  /** The change as its table's row; IllegalArgumentException when it is not one, or its change_id differs. */
  private static Warehouse.Row row(Change change, Class<? extends Record> rowType) {
    Record row;
    try {
      row = Rows.fromJson(rowType, change.row());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid " + change.table() + " row: " + e.getMessage(), e);
    }
    Map<String, Object> values = Rows.values(row);
    if (!change.changeId().equals(values.get("change_id"))) {
      throw new IllegalArgumentException("'" + change.table() + "' is not a change table, or the row's change_id differs");
    }
    return new Warehouse.Row(change.changeId(), values);
  }
}
