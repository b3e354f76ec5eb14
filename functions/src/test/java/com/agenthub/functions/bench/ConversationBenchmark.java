package com.agenthub.functions.bench;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.auth.ApiKeySecret;
import com.agenthub.shared.changes.ChangeMessages;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.testing.Emulators;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.FieldValue;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.SetOptions;
import com.google.cloud.firestore.WriteBatch;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AppendMessages through the in-process dev server (Firestore and Pub/Sub emulators; the outbox
 * relay publishes to the real topic) at 1 and 16 concurrent conversations and with 16 appenders on
 * one conversation, next to the floor: the raw Firestore client doing the same reads (conversation
 * and settings in one getAll) and the same commit (conversation update, message, three counter
 * increments, four outbox records) against the same emulator, in the same run; and a row of every
 * RPC the function makes, in its order (API key, reads, agent, commit, publish, outbox deletes).
 */
public final class ConversationBenchmark {

  private static final String BODY_TAIL = "\"role\": \"assistant\", \"content\": \"Your order shipped yesterday and should "
      + "arrive on Friday.\", \"tokens_in\": 120, \"tokens_out\": 18, \"model\": \"gemini-2.5-flash\", \"latency_ms\": 640}";

  private final PrintStream out;
  private final int maxRequests;
  private final Duration maxTime;

  public ConversationBenchmark(PrintStream out, int maxRequests, Duration maxTime) {
    this.out = out;
    this.maxRequests = maxRequests;
    this.maxTime = maxTime;
  }

  public void run() throws Exception {
    SharedEmulatorSettings.apply(Emulators.firestoreHost());
    // The relay publishes every change; nothing consumes them here (ingestion is the pipeline benchmark's).
    SharedEmulatorSettings.createTopics(ChangeMessages.TOPIC);
    try (LocalDevServer server = LocalDevServer.start(FunctionCatalog.load(), 0)) {
      int port = URI.create(server.baseUrl()).getPort();
      ApiResponse org = new ApiClient(server.baseUrl(), SharedEmulatorSettings.ADMIN_TOKEN).post("CreateOrganization", "{\"name\": \"Bench\"}");
      String key = org.json().getAsJsonObject("api_key").get("key").getAsString();
      String orgId = org.json().getAsJsonObject("organization").get("id").getAsString();
      ApiClient api = new ApiClient(server.baseUrl(), key);
      String agent = api.post("CreateAgent", "{\"name\": \"bench\"}").json().get("id").getAsString();
      List<String> conversations = new ArrayList<>();
      for (int i = 0; i < 17; i++) {
        conversations.add(api.post("CreateConversation", "{\"agent_id\": \"" + agent + "\"}").json().get("id").getAsString());
      }
      Firestore db = Emulators.firestore();
      String host = "127.0.0.1:" + port;
      AtomicInteger nextConversation = new AtomicInteger();
      LoadRunner.ClientFactory ownConversation = () -> http(port, host, key,
          conversations.get(1 + nextConversation.getAndIncrement() % 16));
      LoadRunner.ClientFactory sharedConversation = () -> http(port, host, key, conversations.get(0));
      AtomicInteger nextFloor = new AtomicInteger();
      LoadRunner.ClientFactory floorOwn = () -> floor(db, orgId, agent, "floor-" + nextFloor.getAndIncrement() % 16);
      LoadRunner.ClientFactory floorShared = () -> floor(db, orgId, agent, "floor-shared");
      DocumentReference keyDoc = db.document("api_key_hashes/" + ApiKeySecret.sha256Hex(key));
      DocumentReference agentDoc = db.document("organizations/" + orgId + "/agents/" + agent);
      PubSubEventPublisher publisher = new PubSubEventPublisher(Emulators.pubsub());
      LoadRunner.ClientFactory sameRpcs = () -> {
        LoadRunner.Client commit = floor(db, orgId, agent, "same-" + nextFloor.getAndIncrement() % 16);
        return () -> {
          db.getAll(keyDoc).get(30, TimeUnit.SECONDS);
          agentDoc.get().get(30, TimeUnit.SECONDS);
          commit.call();
          List<EventPublisher.Message> records = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            records.add(EventPublisher.Message.of(("{\"change_id\": \"" + UUID.randomUUID() + "\"}").getBytes(), Map.of()));
          }
          publisher.publishAll(ChangeMessages.TOPIC, records);
          WriteBatch deletes = db.batch();
          for (int i = 0; i < 4; i++) {
            deletes.delete(db.collection("bench_outbox").document(UUID.randomUUID().toString()));
          }
          deletes.commit().get(30, TimeUnit.SECONDS);
          return true;
        };
      };

      List<List<FloorTable.Row>> groups = List.of(
          List.of(new FloorTable.Row("AppendMessages, 1 conversation", 1, ownConversation), new FloorTable.Row("  floor: getAll + commit", 1, floorOwn),
              new FloorTable.Row("  same RPCs: key, getAll, agent, commit, publish, deletes", 1, sameRpcs)),
          List.of(new FloorTable.Row("AppendMessages, 16 conversations", 16, ownConversation),
              new FloorTable.Row("  floor: getAll + commit", 16, floorOwn),
              new FloorTable.Row("  same RPCs: key, getAll, agent, commit, publish, deletes", 16, sameRpcs)),
          List.of(new FloorTable.Row("AppendMessages, 16 on 1 conversation", 16, sharedConversation),
              new FloorTable.Row("  floor: getAll + commit (no precondition)", 16, floorShared)));
      out.printf("%n== Conversations: AppendMessages (one message per request) vs the raw Firestore client, emulators %s / %s ==%n",
          Emulators.firestoreHost(), Emulators.pubsubHost());
      FloorTable.run(out, groups, 44, "msg/s", 300, maxRequests, maxTime);
      out.printf("load average after: %s%n", Benchmarks.loadAverage());
    }
  }

  private static LoadRunner.Client http(int port, String host, String key, String conversation) throws Exception {
    byte[] request = RawHttp.postJson(host, "/AppendMessages", key, "{\"conversation_id\": \"" + conversation + "\", " + BODY_TAIL);
    return KeepAliveConnection.client(port, () -> request, 201);
  }


  /** The same reads and the same commit as one append, with nothing around them. */
  private static LoadRunner.Client floor(Firestore db, String orgId, String agent, String conversationId) {
    DocumentReference conversation = db.document("organizations/" + orgId + "/bench_conversations/" + conversationId);
    DocumentReference settings = db.document("organizations/" + orgId + "/settings/conversations");
    AtomicInteger sequence = new AtomicInteger();
    return () -> {
      db.getAll(conversation, settings).get(30, TimeUnit.SECONDS);
      Timestamp now = Timestamp.now();
      long seq = sequence.incrementAndGet();
      WriteBatch batch = db.batch();
      batch.set(conversation, Map.of("last_sequence", seq, "updated_at", now), SetOptions.merge());
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("sequence", seq);
      message.put("role", "assistant");
      message.put("content", "Your order shipped yesterday and should arrive on Friday.");
      message.put("tokens_in", 120L);
      message.put("tokens_out", 18L);
      message.put("created_at", now);
      batch.create(conversation.collection("messages").document(UUID.randomUUID().toString()), message);
      for (String counter : List.of("messages", "tokens_in", "tokens_out")) {
        int shard = ThreadLocalRandom.current().nextInt(10);
        batch.set(db.document("organizations/" + orgId + "/agents/" + agent + "/counter_shards/" + counter + "-" + shard),
            Map.of("counter", counter, "shard", (long) shard, "value", FieldValue.increment(1)), SetOptions.merge());
      }
      for (int i = 0; i < 4; i++) {
        batch.create(db.collection("bench_outbox").document(UUID.randomUUID().toString()),
            Map.of("row", "{\"change_id\": \"x\"}", "created_at", now));
      }
      batch.commit().get(30, TimeUnit.SECONDS);
      return true;
    };
  }
}
