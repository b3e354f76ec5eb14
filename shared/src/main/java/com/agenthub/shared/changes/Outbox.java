package com.agenthub.shared.changes;

import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * An outbox document: where it is, the changes it carries and, where already written, each
   * change's row as JSON text (null where not: the relay writes it then).
   */
  public record Record(DocumentPath path, List<Change> changes, List<String> rowTexts) {

    public Record {
      changes = List.copyOf(changes);
      rowTexts = java.util.Collections.unmodifiableList(new ArrayList<>(rowTexts));
      if (rowTexts.size() != changes.size()) {
        throw new IllegalArgumentException("one row text (or null) per change");
      }
    }

    static Record of(DocumentPath path, List<Change> changes) {
      return new Record(path, changes, java.util.Collections.nCopies(changes.size(), null));
    }
  }

  /** The write that records {@code change}; put it in the same commit as the change. */
  public static Write record(Change change, Instant committedAt) {
    return Write.create(COLLECTION.document(change.changeId()), OutboxData.single(change, committedAt));
  }

  /** One document carrying the changes of several records of one commit, named after the first. */
  static Write.Create recordAll(List<OutboxData> records, Instant committedAt) {
    OutboxData batch = OutboxData.batch(records, committedAt);
    return new Write.Create(COLLECTION.document(batch.changes().get(0).changeId()), batch);
  }

  public static boolean isOutbox(DocumentPath path) {
    return path.parent().equals(COLLECTION);
  }

  static Record read(StoredDocument document) {
    return Record.of(document.path(), read(document.data()));
  }

  /** A record this process wrote: its changes as they were, and their rows' texts, neither parsed back. */
  static Record read(Write.Create write) {
    return write.data() instanceof OutboxData data ? new Record(write.path(), data.changes(), data.rowTexts())
        : Record.of(write.path(), read(write.data()));
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
