package com.agenthub.functions.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.KillMidLoad;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.local.LocalPorts;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the process serving InsertRows while four clients insert batches of 50 rows: every
 * acknowledged batch is stored completely, and no batch is stored in part (an insert is one atomic
 * commit, whole or absent).
 */
class TablesCrashTest {

  private static final int BATCH = 50;

  @Test
  void acknowledgedBatchesSurviveKillMinusNineWholeAndNoBatchIsPartial() throws Exception {
    ApiClient stack = LocalStackFixture.newOrganization("Tables crash");
    assertEquals(201, stack.post("CreateTable", """
        {"name": "events", "columns": [{"name": "batch", "type": "integer", "required": true, "indexed": true},
          {"name": "seq", "type": "integer"}, {"name": "payload", "type": "string"}]}""").status());
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    Set<Long> attempted = ConcurrentHashMap.newKeySet();

    int port = LocalPorts.free();
    Process server = DevServerProcess.start(port, Map.of());
    ApiClient client = new ApiClient("http://127.0.0.1:" + port, stack.bearer());
    KillMidLoad.run(server, 4, Duration.ofSeconds(60), () -> acknowledged.size() >= 12, writer -> round -> {
      long b = writer * 100_000L + round;
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < BATCH; i++) {
        rows.append(i == 0 ? "" : ",").append("{\"batch\": ").append(b).append(", \"seq\": ").append(i)
            .append(", \"payload\": \"").append("x".repeat(200)).append("\"}");
      }
      attempted.add(b);
      ApiResponse inserted = client.post("InsertRows", "{\"table\": \"events\", \"rows\": [" + rows + "]}");
      if (inserted.status() == 201) {
        acknowledged.add(b);
      }
    });
    assertTrue(acknowledged.size() >= 12, "enough batches were acknowledged before the kill: " + acknowledged.size());

    Map<Long, Integer> stored = storedPerBatch(stack);
    acknowledged.forEach(b -> assertEquals(BATCH, stored.getOrDefault(b, 0), "acknowledged batch " + b + " is whole"));
    stored.forEach((b, n) -> {
      assertEquals(BATCH, n, "batch " + b + " is whole or absent");
      assertTrue(attempted.contains(b));
    });
  }

  private static Map<Long, Integer> storedPerBatch(ApiClient client) {
    Map<Long, Integer> stored = new HashMap<>();
    String token = null;
    do {
      JsonObject page = client.post("QueryRows", "{\"table\": \"events\", \"select\": [\"batch\"], \"page_size\": 1000"
          + (token == null ? "" : ", \"page_token\": \"" + token + "\"") + "}").json();
      page.getAsJsonArray("rows").forEach(r -> stored.merge(r.getAsJsonObject().get("batch").getAsLong(), 1, Integer::sum));
      token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
    } while (token != null);
    return stored;
  }
}
