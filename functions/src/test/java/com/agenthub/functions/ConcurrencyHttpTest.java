package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many clients at once: no lost increment, and exactly one winner per version. */
class ConcurrencyHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Concurrency test");

  @Test
  void aHundredConcurrentIncrementsOfOneCounterGiveTheExactTotal() throws Exception {
    String id = org.post("CreateAgent", "{\"name\": \"Busy\"}").json().get("id").getAsString();
    String body = "{\"agent_id\": \"" + id + "\", \"counter\": \"conversations\"}";
    Map<Integer, Integer> statuses = runConcurrently(100, () -> org.post("IncrementAgentCounter", body));
    assertEquals(Map.of(200, 100), statuses);
    long total = org.get("GetAgentCounters?agent_id=" + id).json().getAsJsonObject("counters").get("conversations").getAsLong();
    assertEquals(100, total);
  }

  @Test
  void fiftyConcurrentUpdatesWithTheSameIfMatchLetExactlyOneSucceed() throws Exception {
    JsonObject agent = org.post("CreateAgent", "{\"name\": \"Contested\"}").json();
    String id = agent.get("id").getAsString();
    String etag = agent.get("etag").getAsString();
    Map<Integer, Integer> statuses = runConcurrently(50,
        () -> org.patch("UpdateAgent?agent_id=" + id, "{\"name\": \"writer " + Thread.currentThread().getId() + "\"}",
            Map.of("If-Match", etag)));
    assertEquals(Map.of(200, 1, 412, 49), statuses);
  }

  /** Starts all calls together and counts the answers by status. */
  private static Map<Integer, Integer> runConcurrently(int calls, Callable<ApiResponse> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ApiResponse>> answers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        answers.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<ApiResponse> answer : answers) {
        byStatus.merge(answer.get(60, TimeUnit.SECONDS).status(), 1, Integer::sum);
      }
      return byStatus;
    } finally {
      pool.shutdownNow();
    }
  }
}
