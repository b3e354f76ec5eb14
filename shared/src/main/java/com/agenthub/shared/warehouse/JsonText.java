package com.agenthub.shared.warehouse;

import com.agenthub.shared.json.Json;

/** A value of a BigQuery JSON column: JSON text, sent as it is. */
public record JsonText(String json) {

  /** A plain value (map, list, string, number, …, as {@link Json#toJson} takes it) as JSON text. */
  public static JsonText of(Object plain) {
    return new JsonText(Json.GSON.toJson(Json.toJson(plain)));
  }
}
