package com.agenthub.shared.http;

import com.google.gson.JsonElement;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, a JSON body (null for 204) and extra headers. */
public record ApiReply(int status, JsonElement body, Map<String, String> headers) {

  public ApiReply {
    headers = Map.copyOf(headers);
  }

  public static ApiReply ok(JsonElement body) {
    return new ApiReply(200, body, Map.of());
  }

  public static ApiReply created(JsonElement body) {
    return new ApiReply(201, body, Map.of());
  }

  public static ApiReply accepted(JsonElement body) {
    return new ApiReply(202, body, Map.of());
  }

  public static ApiReply noContent() {
    return new ApiReply(204, null, Map.of());
  }

  public ApiReply withHeader(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(headers);
    next.put(name, value);
    return new ApiReply(status, body, next);
  }
}
