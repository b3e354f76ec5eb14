package com.agenthub.migrate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1 that answers from a script: what is retried, and what is not. */
class PublicApiBackoffTest {

  private LocalApiServer server;

  private String serve(List<Integer> statuses, String errorCode) throws Exception {
    server = LocalApiServer.answering(request -> {
      int status = statuses.get(Math.min(request.number(), statuses.size() - 1));
      return new LocalApiServer.Reply(status,
          status == 200 ? "{\"ok\": true}" : "{\"error\": {\"code\": \"" + errorCode + "\", \"message\": \"m\", \"field\": null}}",
          status == 503 ? Map.of("Retry-After", "0") : Map.of());
    });
    return server.baseUrl();
  }

  private int calls() {
    return server.requests().size();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void unavailableAndRateLimitedCallsAreRetriedUntilTheyPass() throws Exception {
    PublicApi api = new PublicApi(serve(List.of(503, 429, 503, 200), "unavailable"), "k", 8, Duration.ofSeconds(5));
    assertEquals(200, api.post("CreateAgent", new JsonObject()).status());
    assertEquals(4, calls());
    assertEquals(3, api.retries());
  }

  @Test
  void aPlanLimitIsNotRetried() throws Exception {
    PublicApi api = new PublicApi(serve(List.of(429, 200), "limit_exceeded"), "k", 8, Duration.ofSeconds(5));
    assertEquals(429, api.post("CreateAgent", new JsonObject()).status());
    assertEquals(1, calls());
  }

  @Test
  void attemptsAreBoundedAndTheLastAnswerReturned() throws Exception {
    PublicApi api = new PublicApi(serve(List.of(503), "unavailable"), "k", 3, Duration.ofSeconds(5));
    assertEquals(503, api.post("CreateAgent", new JsonObject()).status());
    assertEquals(3, calls());
  }

  @Test
  void backoffGrowsAndHonoursRetryAfterWithinItsCap() {
    for (int i = 0; i < 20; i++) {
      long first = PublicApi.backoff(1, java.util.Optional.empty()).toMillis();
      long fifth = PublicApi.backoff(5, java.util.Optional.empty()).toMillis();
      assertEquals(true, first >= 100 && first <= 200, "first " + first);
      assertEquals(true, fifth >= 1600 && fifth <= 3200, "fifth " + fifth);
      assertEquals(true, PublicApi.backoff(1, java.util.Optional.of("3")).toMillis() >= 3000);
      assertEquals(true, PublicApi.backoff(30, java.util.Optional.of("3600")).toMillis() <= 10_000);
    }
  }
}
