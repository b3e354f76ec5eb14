package com.agenthub.shared.changes;

import com.agenthub.shared.json.Json;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an outbox document as a use case writes it, still holding the changes they encode.
 * The relaying store batches and relays a commit's records from the changes themselves, so the
 * JSON text of a change is written once — when the store first reads the fields — and never parsed
 * back in the request that wrote it. To the store it is an ordinary, read-only map.
 */
final class OutboxData extends AbstractMap<String, Object> {

  private final List<Change> changes;
  private final Instant committedAt;
  private final boolean batch;
  private volatile String[] rowTexts;
  private volatile Map<String, Object> fields;

  private OutboxData(List<Change> changes, Instant committedAt, boolean batch) {
    this.changes = List.copyOf(changes);
    this.committedAt = committedAt;
    this.batch = batch;
  }

  /** One change: {@code change_id, table, row} (the row as JSON text), {@code created_at}. */
  static OutboxData single(Change change, Instant committedAt) {
    return new OutboxData(List.of(change), committedAt, false);
  }

  /**
   * Several changes of one commit: {@code change_id} (the first's), {@code change_count},
   * {@code changes} (a JSON array of {@code {change_id, table, row}}), {@code created_at}. The rows'
   * texts already written by the {@code members} are reused.
   */
  static OutboxData batch(List<OutboxData> members, Instant committedAt) {
    List<Change> changes = members.stream().flatMap(m -> m.changes.stream()).toList();
    OutboxData batch = new OutboxData(changes, committedAt, true);
    batch.rowTexts = members.stream().flatMap(m -> m.rowTexts().stream()).toArray(String[]::new);
    return batch;
  }

  List<Change> changes() {
    return changes;
  }

  Instant committedAt() {
    return committedAt;
  }

  boolean isBatch() {
    return batch;
  }

  /** The length of the JSON text this record stores: what decides how many share one document. */
  int textLength() {
    int length = 0;
    for (String row : texts()) {
      length += row.length();
    }
    return length;
  }

  /** Each change's row as JSON text, in order (a view: the texts never change once written). */
  List<String> rowTexts() {
    return java.util.Collections.unmodifiableList(java.util.Arrays.asList(texts()));
  }

  private String[] texts() {
    String[] texts = rowTexts;
    if (texts == null) {
      texts = changes.stream().map(change -> Json.GSON.toJson(change.row())).toArray(String[]::new);
      rowTexts = texts; // racing threads compute the same texts
    }
    return texts;
  }

  private Map<String, Object> fields() {
    Map<String, Object> built = fields;
    if (built == null) {
      built = new LinkedHashMap<>();
      String[] rows = texts();
      if (batch) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < changes.size(); i++) {
          array.append(i == 0 ? "" : ",").append(ChangeMessages.json(changes.get(i), rows[i]));
        }
        built.put("change_id", changes.get(0).changeId());
        built.put("change_count", (long) changes.size());
        built.put("changes", array.append(']').toString());
      } else {
        built.put("change_id", changes.get(0).changeId());
        built.put("table", changes.get(0).table());
        // The row as JSON text: an exact round trip, whatever Firestore does with its value types.
        built.put("row", rows[0]);
      }
      built.put("created_at", committedAt);
      built = java.util.Collections.unmodifiableMap(built);
      fields = built;
    }
    return built;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return fields().entrySet();
  }

  @Override
  public Object get(Object key) {
    return fields().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return fields().containsKey(key);
  }

  @Override
  public int size() {
    return fields().size();
  }
}
