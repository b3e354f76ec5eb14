package com.agenthub.migrate.compare;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** One field that differs between a snapshot record and the store: its dotted path and both values (canonical JSON). */
public record FieldDiff(String field, String snapshot, String store) {

  /** Every leaf-level difference between two projections (objects recurse; arrays and scalars compare whole). */
  public static List<FieldDiff> between(JsonObject snapshot, JsonObject store) {
    List<FieldDiff> diffs = new ArrayList<>();
    walk("", snapshot, store, diffs);
    return diffs;
  }

  private static void walk(String path, JsonElement a, JsonElement b, List<FieldDiff> diffs) {
    if (a != null && b != null && a.isJsonObject() && b.isJsonObject()) {
      TreeSet<String> names = new TreeSet<>(a.getAsJsonObject().keySet());
      names.addAll(b.getAsJsonObject().keySet());
      for (String name : names) {
        walk(path.isEmpty() ? name : path + "." + name, a.getAsJsonObject().get(name), b.getAsJsonObject().get(name), diffs);
      }
      return;
    }
    String left = Canonical.json(a == null ? JsonNull.INSTANCE : a);
    String right = Canonical.json(b == null ? JsonNull.INSTANCE : b);
    if (!left.equals(right)) {
      diffs.add(new FieldDiff(path, left, right));
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("field", field);
    json.addProperty("snapshot", snapshot);
    json.addProperty("store", store);
    return json;
  }
}
