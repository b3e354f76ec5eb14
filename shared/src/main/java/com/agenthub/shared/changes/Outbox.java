package com.agenthub.shared.changes;

import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox: a use case commits each change's outbox document in the same atomic
 * commit as the change itself, so a committed change always leaves a record to relay, even if
 * the instance dies right after the commit. {@link OutboxRelay} publishes and removes them.
 *
 * <p>Use cases write one record per change ({@link #record}); the relaying store stores the records
 * of one commit together ({@link OutboxBatches}) — a batch of 500 rows is then one or a few outbox
 * documents to write and delete, not 500 of each. A stored record carries one change or several.
 */
public final class Outbox {

  public static final CollectionPath COLLECTION = CollectionPath.of("outbox");

  private Outbox() {}

  /** An outbox document as stored: where it is and the changes it carries. */
  public record Record(DocumentPath path, List<Change> changes) {}

  /** The write that records {@code change}; put it in the same commit as the change. */
  public static Write record(Change change, Instant committedAt) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("change_id", change.changeId());
    data.put("table", change.table());
    // The row as JSON text: an exact round trip, whatever Firestore does with its value types.
    data.put("row", Json.GSON.toJson(change.row()));
    data.put("created_at", committedAt);
    return Write.create(COLLECTION.document(change.changeId()), data);
  }

  /** One document carrying several changes of one commit, named after the first. */
  static Write.Create recordAll(List<Change> changes, Instant committedAt) {
    JsonArray array = new JsonArray();
    for (Change change : changes) {
      JsonObject one = new JsonObject();
      one.addProperty("change_id", change.changeId());
      one.addProperty("table", change.table());
      one.add("row", change.row());
      array.add(one);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("change_id", changes.get(0).changeId());
    data.put("change_count", (long) changes.size());
    data.put("changes", Json.GSON.toJson(array));
    data.put("created_at", committedAt);
    return new Write.Create(COLLECTION.document(changes.get(0).changeId()), data);
  }

  public static boolean isOutbox(DocumentPath path) {
    return path.parent().equals(COLLECTION);
  }

  static Record read(StoredDocument document) {
    return new Record(document.path(), read(document.data()));
  }

  static Record read(Write.Create write) {
    return new Record(write.path(), read(write.data()));
  }

  /** The length of a record's JSON text: what decides how many share one document. */
  static int size(Write.Create write) {
    Object text = write.data().containsKey("changes") ? write.data().get("changes") : write.data().get("row");
    return ((String) text).length();
  }

  private static List<Change> read(Map<String, Object> record) {
    if (record.containsKey("changes")) {
      List<Change> changes = new ArrayList<>();
      for (JsonElement element : JsonParser.parseString((String) record.get("changes")).getAsJsonArray()) {
        JsonObject one = element.getAsJsonObject();
        changes.add(new Change(one.get("change_id").getAsString(), one.get("table").getAsString(),
            one.getAsJsonObject("row")));
      }
      return changes;
    }
    JsonObject row = JsonParser.parseString((String) record.get("row")).getAsJsonObject();
    return List.of(new Change((String) record.get("change_id"), (String) record.get("table"), row));
  }
}
