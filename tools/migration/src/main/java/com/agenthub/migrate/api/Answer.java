package com.agenthub.migrate.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** An API answer: its status and JSON body (JsonNull when it had none). */
public record Answer(int status, JsonElement body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public JsonObject object() {
    return body.isJsonObject() ? body.getAsJsonObject() : new JsonObject();
  }

  /** The API's {@code error.code}, or "" when the answer is not an error of the API. */
  public String errorCode() {
    JsonObject error = object().getAsJsonObject("error");
    return error != null && error.has("code") ? error.get("code").getAsString() : "";
  }

  /** The field an error names, or "" (also for a JSON null). */
  public String errorField() {
    JsonObject error = object().getAsJsonObject("error");
    return error != null && error.has("field") && !error.get("field").isJsonNull() ? error.get("field").getAsString() : "";
  }

  public String errorMessage() {
    JsonObject error = object().getAsJsonObject("error");
    return error != null && error.has("message") ? error.get("message").getAsString() : body.toString();
  }

  static Answer of(int status, String text) {
    if (text == null || text.isBlank()) {
      return new Answer(status, JsonNull.INSTANCE);
    }
    try {
      return new Answer(status, com.google.gson.JsonParser.parseString(text));
    } catch (com.google.gson.JsonParseException e) {
      JsonObject wrapped = new JsonObject();
      wrapped.addProperty("text", text);
      return new Answer(status, wrapped);
    }
  }
}
