package com.agenthub.shared.changes;

import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transactional outbox: a use case commits each change's outbox document in the same atomic
 * commit as the change itself, so a committed change always leaves a record to relay, even if
 * the instance dies right after the commit. {@link OutboxRelay} publishes and removes them.
 */
public final class Outbox {

  public static final CollectionPath COLLECTION = CollectionPath.of("outbox");

  private Outbox() {}

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

  public static boolean isOutbox(DocumentPath path) {
    return path.parent().equals(COLLECTION);
  }

  static Change read(StoredDocument document) {
    return read(document.data());
  }

  static Change read(Write.Create write) {
    return read(write.data());
  }

  private static Change read(Map<String, Object> record) {
    JsonObject row = JsonParser.parseString((String) record.get("row")).getAsJsonObject();
    return new Change((String) record.get("change_id"), (String) record.get("table"), row);
  }
}
