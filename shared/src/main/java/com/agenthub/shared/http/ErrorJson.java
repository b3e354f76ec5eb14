package com.agenthub.shared.http;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.json.Json;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** The one JSON shape of an error: {@code {"code", "message", "field"}}. */
public final class ErrorJson {

  private ErrorJson() {}

  public static JsonObject detail(ApiError error) {
    JsonObject detail = new JsonObject();
    detail.addProperty("code", error.kind().code());
    detail.addProperty("message", error.getMessage());
    detail.add("field", error.field().map(Json::toJson).orElse(JsonNull.INSTANCE));
    return detail;
  }
}
