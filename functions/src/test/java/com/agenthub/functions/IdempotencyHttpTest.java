package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that retries with the same Idempotency-Key never acts twice. */
class IdempotencyHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Idempotency");

  private ApiResponse post(String function, String body, String key) {
    return org.send("POST", function, body, Map.of("Content-Type", "application/json", "Idempotency-Key", key));
  }

  @Test
  void aRetriedCreateReturnsTheSameAgentAndCreatesOne() {
    ApiResponse first = post("CreateAgent", "{\"name\": \"Once\"}", "create-once-1");
    ApiResponse retry = post("CreateAgent", "{\"name\": \"Once\"}", "create-once-1");
    assertEquals(201, first.status());
    assertEquals(201, retry.status());
    assertEquals(first.json(), retry.json());
    assertEquals("true", retry.header("Idempotent-Replayed").orElseThrow());
    assertEquals(1, org.get("ListAgents").json().getAsJsonArray("agents").size());
  }

  @Test
  void aRetriedIncrementCountsOnce() {
    String id = org.post("CreateAgent", "{\"name\": \"Counted\"}").json().get("id").getAsString();
    String body = "{\"agent_id\": \"" + id + "\", \"counter\": \"messages\", \"delta\": 5}";
    for (int i = 0; i < 3; i++) {
      assertEquals(5, post("IncrementAgentCounter", body, "inc-1").json().get("value").getAsLong());
    }
    assertEquals(5, org.get("GetAgentCounters?agent_id=" + id).json().getAsJsonObject("counters").get("messages").getAsLong());
  }

  @Test
  void reusingAKeyForAnotherRequestIs422() {
    assertEquals(201, post("CreateAgent", "{\"name\": \"A\"}", "reused").status());
    ApiResponse other = post("CreateAgent", "{\"name\": \"B\"}", "reused");
    assertEquals(422, other.status());
    assertEquals("Idempotency-Key", other.errorField());
  }

  @Test
  void aFailedRequestDoesNotHoldItsKey() {
    assertEquals(400, post("CreateAgent", "{\"name\": 1}", "fix-and-retry").status());
    assertEquals(400, post("CreateAgent", "{\"name\": \"\"}", "fix-and-retry").status());
    ApiResponse fixed = post("CreateAgent", "{\"name\": \"Fixed\"}", "fix-and-retry");
    assertEquals(201, fixed.status(), fixed.toString());
    assertTrue(fixed.header("Idempotent-Replayed").isEmpty());
  }

  /**
   * Concurrent requests' claims and replies share commits (GroupedWrites); two requests with one
   * key in the same shared commit fail it, and each write is then committed alone: still one agent per key.
   */
  @Test
  void concurrentRequestsWithTheSameKeysActOncePerKey() throws Exception {
    int keys = 12;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(24);
    try {
      java.util.List<java.util.concurrent.Future<ApiResponse>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 2 * keys; i++) {
        int key = i % keys;
        answers.add(pool.submit(() -> post("CreateAgent", "{\"name\": \"Racer " + key + "\"}", "race-" + key)));
      }
      Map<String, String> agentByKey = new java.util.HashMap<>();
      for (int i = 0; i < answers.size(); i++) {
        ApiResponse answer = answers.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
        // The second of a pair is replayed, or told the first is still in progress.
        assertTrue(answer.status() == 201 || answer.status() == 409, answer.toString());
        if (answer.status() == 201) {
          String id = answer.json().get("id").getAsString();
          String earlier = agentByKey.putIfAbsent("race-" + (i % keys), id);
          assertTrue(earlier == null || earlier.equals(id), "one key, two agents: " + earlier + " and " + id);
        }
      }
      assertEquals(keys, agentByKey.size(), "every key answered 201 at least once");
      long racers = org.get("ListAgents?page_size=100").json().getAsJsonArray("agents").asList().stream()
          .filter(a -> a.getAsJsonObject().get("name").getAsString().startsWith("Racer ")).count();
      assertEquals(keys, racers);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aMalformedKeyIs400() {
    assertEquals(400, post("CreateAgent", "{\"name\": \"A\"}", "has space").status());
  }
}
