package com.agenthub.migrate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1 that answers from a script: what is retried, and what is not. */
class PublicApiBackoffTest {

  private HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();

  private String serve(List<Integer> statuses, String errorCode) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      int n = calls.getAndIncrement();
      int status = statuses.get(Math.min(n, statuses.size() - 1));
      byte[] body = (status == 200 ? "{\"ok\": true}" : "{\"error\": {\"code\": \"" + errorCode + "\", \"message\": \"m\", \"field\": null}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (status == 503) {
        exchange.getResponseHeaders().add("Retry-After", "0");
      }
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void unavailableAndRateLimitedCallsAreRetriedUntilTheyPass() throws Exception {
    PublicApi api = new PublicApi(serve(List.of(503, 429, 503, 200), "unavailable"), "k", 8, Duration.ofSeconds(5));
    assertEquals(200, api.post("CreateAgent", new JsonObject()).status());
    assertEquals(4, calls.get());
    assertEquals(3, api.retries());
  }

  @Test
  void aPlanLimitIsNotRetried() throws Exception {
    PublicApi api = new PublicApi(serve(List.of(429, 200), "limit_exceeded"), "k", 8, Duration.ofSeconds(5));
    assertEquals(429, api.post("CreateAgent", new JsonObject()).status());
    assertEquals(1, calls.get());
  }

  @Test
  void attemptsAreBoundedAndTheLastAnswerReturned() throws Exception {
    PublicApi api = new PublicApi(serve(List.of(503), "unavailable"), "k", 3, Duration.ofSeconds(5));
    assertEquals(503, api.post("CreateAgent", new JsonObject()).status());
    assertEquals(3, calls.get());
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
