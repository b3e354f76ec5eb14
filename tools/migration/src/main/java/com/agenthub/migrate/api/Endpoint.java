package com.agenthub.migrate.api;

/** A function of the API and the HTTP method it takes. */
public record Endpoint(String function, String method) {

  public static Endpoint post(String function) {
    return new Endpoint(function, "POST");
  }

  public static Endpoint get(String function) {
    return new Endpoint(function, "GET");
  }
}
