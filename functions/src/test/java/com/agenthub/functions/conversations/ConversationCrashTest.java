package com.agenthub.functions.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.KillMidLoad;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.shared.local.LocalPorts;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the process serving AppendMessages while eight clients append to one conversation:
 * every acknowledged message is stored at the sequence it was given, the sequences stay gap-free
 * (an append is one atomic commit, whole or absent), the usage counter equals the messages
 * stored, and every stored message reaches BigQuery once (the relay's sweep covers the ones whose
 * process died before publishing).
 */
class ConversationCrashTest {

  @Test
  void acknowledgedMessagesSurviveKillMinusNineWithGapFreeSequences() throws Exception {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Conversation crash");
    ApiClient stack = tenant.client();
    String agent = stack.post("CreateAgent", "{\"name\": \"Crashy\"}").json().get("id").getAsString();
    String conversation = stack.post("CreateConversation", "{\"agent_id\": \"" + agent + "\"}").json().get("id").getAsString();
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();

    int port = LocalPorts.free();
    Process server = DevServerProcess.start(port, Map.of());
    ApiClient client = new ApiClient("http://127.0.0.1:" + port, stack.bearer());
    KillMidLoad.run(server, 8, Duration.ofSeconds(60), () -> acknowledged.size() >= 60, writer -> round -> {
      String clientId = "w" + writer + "-" + round;
      ApiResponse appended = client.post("AppendMessages", "{\"conversation_id\": \"" + conversation + "\", "
          + "\"role\": \"user\", \"content\": \"" + clientId + "\", \"tokens_in\": 1, \"client_message_id\": \"" + clientId + "\"}");
      if (appended.status() == 201) {
        acknowledged.put(clientId, appended.json().getAsJsonArray("messages").get(0).getAsJsonObject()
            .get("sequence").getAsLong());
      }
    });
    assertTrue(acknowledged.size() >= 60, "enough appends were acknowledged before the kill: " + acknowledged.size());

    Map<String, Long> stored = storedByClientId(stack, conversation);
    long last = stack.get("GetConversation?conversation_id=" + conversation).json().get("last_sequence").getAsLong();
    assertEquals(LongStream.rangeClosed(1, last).boxed().toList(), new ArrayList<>(new java.util.TreeSet<>(stored.values())),
        "sequences 1..last, each once");
    assertEquals(last, stored.size());
    acknowledged.forEach((clientId, sequence) -> assertEquals(sequence, stored.get(clientId), "acknowledged " + clientId));
    JsonObject counters = stack.get("GetAgentCounters?agent_id=" + agent).json().getAsJsonObject("counters");
    assertEquals(last, counters.get("messages").getAsLong(), "usage equals the messages stored");
    assertEquals(last, WarehouseProbe.awaitCount("conversation_messages", "conversation_id", conversation, last, Duration.ofSeconds(90)),
        "every stored message reached BigQuery once");
  }

  private static Map<String, Long> storedByClientId(ApiClient client, String conversation) {
    Map<String, Long> stored = new java.util.HashMap<>();
    String token = null;
    do {
      JsonObject page = client.get("ListMessages?conversation_id=" + conversation + "&page_size=100"
          + (token == null ? "" : "&page_token=" + token)).json();
      page.getAsJsonArray("messages").forEach(m -> {
        JsonObject message = m.getAsJsonObject();
        Long earlier = stored.put(message.get("client_message_id").getAsString(), message.get("sequence").getAsLong());
        assertEquals(null, earlier, "a client message id stored twice");
      });
      token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
    } while (token != null);
    return stored;
  }
}
