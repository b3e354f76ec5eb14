package com.agenthub.shared.ingestion;

import com.agenthub.shared.json.Json;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.Warehouse;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What a message holds for the warehouse: rows for one table, plus the parts that could not be
 * read (kept, with their reason, in rejected_messages).
 */
public record DecodedMessage(String table, List<Warehouse.Row> rows, List<UnreadablePart> unreadable) {

  /** One element of the message that could not become a row. */
  public record UnreadablePart(int index, String reason, String json) {}

  /** One element of a message as its row; throws (either exception) with the reason when it is not one. */
  public interface ElementReader {
    Warehouse.Row read(JsonObject element) throws UndecodableMessageException;
  }

  public DecodedMessage {
    rows = List.copyOf(rows);
    unreadable = List.copyOf(unreadable);
  }

  /**
   * A message's elements each read on its own, so one bad element does not sink the others: the
   * readable ones become rows, the rest (not a JSON object, or refused by {@code reader}) unreadable
   * parts with their index, reason and JSON.
   */
  public static DecodedMessage ofElements(String table, JsonArray elements, ElementReader reader) {
    List<Warehouse.Row> rows = new ArrayList<>();
    List<UnreadablePart> unreadable = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      JsonElement element = elements.get(i);
      try {
        if (!element.isJsonObject()) {
          throw new IllegalArgumentException("not a JSON object");
        }
        rows.add(reader.read(element.getAsJsonObject()));
      } catch (UndecodableMessageException | IllegalArgumentException e) {
        unreadable.add(new UnreadablePart(i, e.getMessage(), Json.GSON.toJson(element)));
      }
    }
    return new DecodedMessage(table, rows, unreadable);
  }
}
