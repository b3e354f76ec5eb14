package com.agenthub.functions.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Many appenders on one conversation: no message lost, duplicated or reordered, and usage equal to what is stored. */
class ConversationConcurrencyHttpTest {

  private static final int APPENDERS = 20;
  private static final int MESSAGES_EACH = 25;

  private final ApiClient org = LocalStackFixture.newOrganization("Conversation concurrency");
  private final String agent = org.post("CreateAgent", "{\"name\": \"Busy\"}").json().get("id").getAsString();
  private final String conversation = org.post("CreateConversation", "{\"agent_id\": \"" + agent + "\"}").json()
      .get("id").getAsString();

  @Test
  void twentyConcurrentAppendersGetGapFreeSequencesAndARetryOfEverythingAddsNothing() throws Exception {
    Map<String, Long> sequenceOf = new ConcurrentHashMap<>();
    Map<Integer, Integer> statuses = runConcurrently(APPENDERS, appender -> {
      Map<Integer, Integer> mine = new TreeMap<>();
      for (int m = 0; m < MESSAGES_EACH; m++) {
        String clientId = "a" + appender + "-m" + m;
        ApiResponse appended = append(List.of(clientId), appender);
        mine.merge(appended.status(), 1, Integer::sum);
        if (appended.status() == 201) {
          sequenceOf.put(clientId, appended.json().getAsJsonArray("messages").get(0).getAsJsonObject().get("sequence").getAsLong());
        }
      }
      return mine;
    });
    int total = APPENDERS * MESSAGES_EACH;
    assertEquals(Map.of(201, total), statuses);
    assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), new ArrayList<>(new java.util.TreeSet<>(sequenceOf.values())),
        "every sequence 1..500 given exactly once");

    // Every appender retries its whole history in one batch: nothing new, every message answered with its first sequence.
    Map<Integer, Integer> retried = runConcurrently(APPENDERS, appender -> {
      List<String> clientIds = new ArrayList<>();
      for (int m = 0; m < MESSAGES_EACH; m++) {
        clientIds.add("a" + appender + "-m" + m);
      }
      ApiResponse replay = append(clientIds, appender);
      JsonArray messages = replay.json().getAsJsonArray("messages");
      for (int m = 0; m < MESSAGES_EACH; m++) {
        JsonObject message = messages.get(m).getAsJsonObject();
        assertEquals((long) sequenceOf.get(clientIds.get(m)), message.get("sequence").getAsLong());
        assertEquals(true, message.get("replayed").getAsBoolean());
      }
      return Map.of(replay.status(), 1);
    });
    assertEquals(Map.of(200, APPENDERS), retried);

    List<Long> stored = storedSequences();
    assertEquals(LongStream.rangeClosed(1, total).boxed().toList(), stored);
    assertEquals(total, new HashSet<>(stored).size());
    JsonObject counters = org.get("GetAgentCounters?agent_id=" + agent).json().getAsJsonObject("counters");
    assertEquals(total, counters.get("messages").getAsLong());
    assertEquals(total * 2L, counters.get("tokens_in").getAsLong());
    assertEquals(total * 3L, counters.get("tokens_out").getAsLong());
    JsonObject read = org.get("GetConversation?conversation_id=" + conversation).json();
    assertEquals(total, read.get("last_sequence").getAsLong());
    assertEquals(total * 2L, read.get("tokens_in").getAsLong());
  }

  private ApiResponse append(List<String> clientIds, int appender) {
    JsonArray messages = new JsonArray();
    for (String clientId : clientIds) {
      JsonObject message = ConversationsHttpTest.message("user", "from " + clientId, clientId);
      messages.add(message);
    }
    JsonObject body = new JsonObject();
    body.addProperty("conversation_id", conversation);
    body.add("messages", messages);
    return org.post("AppendMessages", body.toString());
  }

  private List<Long> storedSequences() {
    List<Long> sequences = new ArrayList<>();
    String token = null;
    do {
      JsonObject page = org.get("ListMessages?conversation_id=" + conversation + "&page_size=100"
          + (token == null ? "" : "&page_token=" + token)).json();
      sequences.addAll(ConversationsHttpTest.sequences(page.getAsJsonArray("messages")));
      token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
    } while (token != null);
    return sequences;
  }

  @FunctionalInterface
  private interface Appender {
    Map<Integer, Integer> run(int appender) throws Exception;
  }

  /** Starts every appender together and sums the answers by status. */
  private static Map<Integer, Integer> runConcurrently(int appenders, Appender work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(appenders);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Map<Integer, Integer>>> results = new ArrayList<>();
      for (int a = 0; a < appenders; a++) {
        int appender = a;
        results.add(pool.submit((Callable<Map<Integer, Integer>>) () -> {
          start.await();
          return work.run(appender);
        }));
      }
      start.countDown();
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<Map<Integer, Integer>> result : results) {
        result.get(120, TimeUnit.SECONDS).forEach((status, count) -> byStatus.merge(status, count, Integer::sum));
      }
      return byStatus;
    } finally {
      pool.shutdownNow();
    }
  }
}
