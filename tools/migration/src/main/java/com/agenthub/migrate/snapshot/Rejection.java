package com.agenthub.migrate.snapshot;

import com.google.gson.JsonObject;

/** Why one snapshot record is not imported: its file, line, legacy id (if it had one) and the field at fault. */
public record Rejection(String file, int line, String legacyId, String field, String reason) {

  public static Rejection of(LegacyRecord record, String field, String reason) {
    return new Rejection(record.dictionary().fileName(), record.line(), record.legacyId(), field, reason);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("file", file);
    json.addProperty("line", line);
    json.addProperty("legacy_id", legacyId);
    json.addProperty("field", field);
    json.addProperty("reason", reason);
    return json;
  }

  @Override
  public String toString() {
    return file + ":" + line + " id=" + (legacyId == null ? "(none)" : legacyId) + " field=" + field + ": " + reason;
  }
}
