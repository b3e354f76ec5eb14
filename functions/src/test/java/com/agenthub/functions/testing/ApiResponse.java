package com.agenthub.functions.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Optional;

/** One HTTP answer as tests inspect it. */
public record ApiResponse(int status, String body, java.net.http.HttpHeaders headers) {

  public JsonObject json() {
    return JsonParser.parseString(body).getAsJsonObject();
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The machine-readable error code of an error answer. */
  public String errorCode() {
    return json().getAsJsonObject("error").get("code").getAsString();
  }

  public String errorField() {
    var field = json().getAsJsonObject("error").get("field");
    return field.isJsonNull() ? null : field.getAsString();
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
