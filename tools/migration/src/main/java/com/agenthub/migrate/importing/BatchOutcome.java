package com.agenthub.migrate.importing;

import com.agenthub.migrate.snapshot.Rejection;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What one finished batch did: records created, records that were already there (a re-run, or a
 * dual write got there first), records the API refused (rejected), and records whose id already
 * names a different document (conflicts: the store has other content; verify shows the fields).
 * Companions are records imported inside another's call: an agent's legacy counters, a payment
 * intent's transactions. {@code companionsCreated}: counters of agents created now, transactions of
 * intents imported now; {@code companionsExisting}: transactions of intents already imported. (Counters
 * only start an agent: those of an agent that already existed are not applied again).
 */
public record BatchOutcome(int created, int existing, List<Rejection> rejected, List<Rejection> conflicts, int companionsCreated,
    int companionsExisting) {

  BatchOutcome(int created, int existing, List<Rejection> rejected, List<Rejection> conflicts) {
    this(created, existing, rejected, conflicts, 0, 0);
  }

  JsonObject toJson(String batchId) {
    JsonObject json = new JsonObject();
    json.addProperty("batch", batchId);
    json.addProperty("created", created);
    json.addProperty("existing", existing);
    json.add("rejected", list(rejected));
    json.add("conflicts", list(conflicts));
    json.addProperty("companions_created", companionsCreated);
    json.addProperty("companions_existing", companionsExisting);
    return json;
  }

  static BatchOutcome fromJson(JsonObject json) {
    return new BatchOutcome(json.get("created").getAsInt(), json.get("existing").getAsInt(),
        rejections(json.getAsJsonArray("rejected")), rejections(json.getAsJsonArray("conflicts")),
        json.has("companions_created") ? json.get("companions_created").getAsInt() : json.has("counters_created") ? json.get("counters_created").getAsInt() : 0,
        json.has("companions_existing") ? json.get("companions_existing").getAsInt() : 0);
  }

  private static JsonArray list(List<Rejection> rejections) {
    JsonArray array = new JsonArray();
    rejections.forEach(r -> array.add(r.toJson()));
    return array;
  }

  private static List<Rejection> rejections(JsonArray array) {
    List<Rejection> list = new ArrayList<>();
    array.forEach(e -> {
      JsonObject o = e.getAsJsonObject();
      list.add(new Rejection(o.get("file").getAsString(), o.get("line").getAsInt(),
          o.get("legacy_id").isJsonNull() ? null : o.get("legacy_id").getAsString(), o.get("field").getAsString(), o.get("reason").getAsString()));
    });
    return list;
  }
}
