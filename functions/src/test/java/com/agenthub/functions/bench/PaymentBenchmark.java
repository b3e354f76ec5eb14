package com.agenthub.functions.bench;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.changes.ChangeMessages;
import com.agenthub.shared.local.payments.StripeSignatureHeader;
import com.agenthub.shared.testing.Emulators;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Precondition;
import com.google.cloud.firestore.WriteBatch;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CreatePaymentIntent and CreateRefund through the in-process dev server (simulated processor,
 * Firestore and Pub/Sub emulators) at 1 and 16 clients, next to the floor: the raw Firestore
 * client doing the same reads and commits (idempotency claim and reply, the intent's conditional
 * commit with its ledger entries and outbox records, the relay's outbox deletes) against the same
 * emulator in the same run; then webhook events applied per second with 30% duplicates.
 */
public final class PaymentBenchmark {

  private static final String WEBHOOK_SECRET = "whsec_bench";

  private final PrintStream out;
  private final int maxRequests;
  private final Duration maxTime;

  public PaymentBenchmark(PrintStream out, int maxRequests, Duration maxTime) {
    this.out = out;
    this.maxRequests = maxRequests;
    this.maxTime = maxTime;
  }

  public void run() throws Exception {
    SharedEmulatorSettings.apply(Emulators.firestoreHost());
    System.setProperty(Settings.PAYMENTS_PROCESSOR, "simulated");
    System.setProperty(Settings.STRIPE_WEBHOOK_SECRETS, WEBHOOK_SECRET);
    SharedEmulatorSettings.createTopics(ChangeMessages.TOPIC);
    try (LocalDevServer server = LocalDevServer.start(FunctionCatalog.load(), 0)) {
      int port = URI.create(server.baseUrl()).getPort();
      String host = "127.0.0.1:" + port;
      ApiResponse org = new ApiClient(server.baseUrl(), SharedEmulatorSettings.ADMIN_TOKEN).post("CreateOrganization", "{\"name\": \"Bench\"}");
      String key = org.json().getAsJsonObject("api_key").get("key").getAsString();
      String orgId = org.json().getAsJsonObject("organization").get("id").getAsString();
      ApiClient api = new ApiClient(server.baseUrl(), key);
      List<String> paid = new ArrayList<>();
      for (int i = 0; i < 17; i++) {
        paid.add(post(api, "CreatePaymentIntent", "{\"amount\": 99999999, \"currency\": \"usd\", \"payment_method\": \"pm_card_visa\"}")
            .json().get("id").getAsString());
      }
      for (String id : paid) {
        awaitSucceeded(api, id);
      }
      Firestore db = Emulators.firestore();
      AtomicInteger nextIntent = new AtomicInteger();
      LoadRunner.ClientFactory create = () -> http(port, host, key, "/CreatePaymentIntent",
          () -> "{\"amount\": 1050, \"currency\": \"usd\", \"customer_ref\": \"cus_bench\"}", 201);
      LoadRunner.ClientFactory refund = () -> {
        String intent = paid.get(nextIntent.getAndIncrement() % 17);
        return http(port, host, key, "/CreateRefund", () -> "{\"payment_intent_id\": \"" + intent + "\", \"amount\": 1}", 201);
      };
      AtomicInteger nextFloor = new AtomicInteger();
      LoadRunner.ClientFactory createFloor = () -> createFloor(db, orgId);
      LoadRunner.ClientFactory refundFloor = () -> refundFloor(db, orgId, "floor-" + nextFloor.getAndIncrement() % 17);

      List<List<FloorTable.Row>> groups = List.of(
          List.of(new FloorTable.Row("CreatePaymentIntent", 1, create), new FloorTable.Row("  floor: same reads + commits", 1, createFloor)),
          List.of(new FloorTable.Row("CreatePaymentIntent", 16, create), new FloorTable.Row("  floor: same reads + commits", 16, createFloor)),
          List.of(new FloorTable.Row("CreateRefund (own intent per client)", 1, refund), new FloorTable.Row("  floor: same reads + commits", 1, refundFloor)),
          List.of(new FloorTable.Row("CreateRefund (own intent per client)", 16, refund),
              new FloorTable.Row("  floor: same reads + commits", 16, refundFloor)));
      out.printf("%n== Payments vs the raw Firestore client, emulators %s / %s ==%n", Emulators.firestoreHost(),
          Emulators.pubsubHost());
      FloorTable.run(out, groups, 40, "req/s", 200, maxRequests, maxTime);
      webhooks(api, server.baseUrl());
      out.printf("load average after: %s%n", Benchmarks.loadAverage());
    }
  }

  /** Signed events for fresh intents, 30% of the deliveries duplicates, posted by 16 clients. */
  private void webhooks(ApiClient api, String baseUrl) throws Exception {
    int intents = Integer.getInteger("bench.webhookIntents", 700);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < intents; i++) {
      String pi = post(api, "CreatePaymentIntent", "{\"amount\": 500, \"currency\": \"usd\"}").json()
          .get("processor_intent_id").getAsString();
      events.add("{\"id\": \"evt_bench_" + UUID.randomUUID().toString().replace("-", "") + "\", \"object\": \"event\", "
          + "\"created\": " + Instant.now().getEpochSecond() + ", \"type\": \"payment_intent.succeeded\", \"data\": {\"object\": "
          + "{\"id\": \"" + pi + "\", \"object\": \"payment_intent\", \"status\": \"succeeded\", \"amount_capturable\": 0, "
          + "\"amount_received\": 500}}}");
    }
    List<String> deliveries = new ArrayList<>(events);
    Random random = new Random(7);
    int duplicates = (int) Math.round(events.size() * 0.3 / 0.7);
    for (int i = 0; i < duplicates; i++) {
      deliveries.add(events.get(random.nextInt(events.size())));
    }
    Collections.shuffle(deliveries, random);
    ApiClient anonymous = new ApiClient(baseUrl, null);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    Map<String, AtomicInteger> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    long started = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (String body : deliveries) {
      done.add(pool.submit(() -> {
        String signature = StripeSignatureHeader.sign(WEBHOOK_SECRET, Instant.now().getEpochSecond(), body);
        ApiResponse answer = anonymous.sendBytes("POST", "HandlePaymentWebhook", body.getBytes(StandardCharsets.UTF_8),
            request -> request.header("Content-Type", "application/json").header("Stripe-Signature", signature));
        String outcome = answer.status() == 200 ? answer.json().get("outcome").getAsString() : "HTTP " + answer.status();
        outcomes.computeIfAbsent(outcome, o -> new AtomicInteger()).incrementAndGet();
      }));
    }
    for (Future<?> future : done) {
      future.get(120, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    out.printf("%nHandlePaymentWebhook, 16 clients: %d deliveries (%d events, %d duplicates) in %.1f s = %.0f deliveries/s, "
        + "%.0f events applied/s; outcomes %s%n", deliveries.size(), events.size(), duplicates, seconds,
        deliveries.size() / seconds, events.size() / seconds, outcomes);
  }

  private static ApiResponse post(ApiClient api, String function, String json) {
    return api.send("POST", function, json, Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()));
  }

  private static void awaitSucceeded(ApiClient api, String id) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (api.get("GetPaymentIntent?payment_intent_id=" + id).json().get("status").getAsString().equals("succeeded")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("intent " + id + " was never paid");
  }

  private static LoadRunner.Client http(int port, String host, String key, String path,
      java.util.function.Supplier<String> body, int expected) throws Exception {
    // A new Idempotency-Key per call: every request is a new operation.
    return KeepAliveConnection.client(port, () -> {
      byte[] json = body.get().getBytes(StandardCharsets.UTF_8);
      return ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + key
          + "\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\nContent-Type: application/json\r\nContent-Length: "
          + json.length + "\r\n\r\n" + new String(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }, expected);
  }


  /** One create's Firestore work: API key read, key claim, intent + index + outbox, relay delete, key reply. */
  private static LoadRunner.Client createFloor(Firestore db, String orgId) {
    return () -> {
      db.document("api_keys/bench-key").get().get(30, TimeUnit.SECONDS);
      DocumentReference claim = db.document("organizations/" + orgId + "/bench_idempotency/" + UUID.randomUUID());
      claim.create(Map.of("state", "pending", "claimed_at", Timestamp.now())).get(30, TimeUnit.SECONDS);
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
      DocumentReference intent = db.document("organizations/" + orgId + "/bench_intents/" + id);
      DocumentReference outbox = db.collection("bench_outbox").document(UUID.randomUUID().toString());
      WriteBatch batch = db.batch();
      batch.create(intent, intentFields(id, orgId));
      batch.create(db.collection("bench_processor_intents").document(id), Map.of("organization_id", orgId, "payment_intent_id", id,
          "awaiting_processor", false, "created_at", Timestamp.now()));
      batch.create(outbox, Map.of("row", "{\"change_id\": \"x\"}", "created_at", Timestamp.now()));
      batch.commit().get(30, TimeUnit.SECONDS);
      outbox.delete().get(30, TimeUnit.SECONDS);
      claim.update(Map.of("state", "done", "status", 201L, "body", "{}")).get(30, TimeUnit.SECONDS);
      return true;
    };
  }

  /** One refund's Firestore work: API key read, key claim, the conditional reservation, intent read, confirmation, relay deletes, key reply. */
  private static LoadRunner.Client refundFloor(Firestore db, String orgId, String intentId) throws Exception {
    DocumentReference intent = db.document("organizations/" + orgId + "/bench_intents/" + intentId);
    if (!intent.get().get(30, TimeUnit.SECONDS).exists()) {
      intent.set(intentFields(intentId, orgId)).get(30, TimeUnit.SECONDS);
    }
    return () -> {
      db.document("api_keys/bench-key").get().get(30, TimeUnit.SECONDS);
      DocumentReference claim = db.document("organizations/" + orgId + "/bench_idempotency/" + UUID.randomUUID());
      claim.create(Map.of("state", "pending", "claimed_at", Timestamp.now())).get(30, TimeUnit.SECONDS);
      DocumentReference refund = db.document("organizations/" + orgId + "/bench_refunds/" + UUID.randomUUID());
      while (true) {
        DocumentSnapshot current = intent.get().get(30, TimeUnit.SECONDS);
        List<DocumentReference> outbox = new ArrayList<>();
        WriteBatch batch = db.batch();
        batch.update(intent, Map.of("amount_refunded", current.getLong("amount_refunded") + 1, "updated_at", Timestamp.now()),
            Precondition.updatedAt(current.getUpdateTime()));
        batch.create(refund, Map.of("amount", 1L, "status", "pending", "created_at", Timestamp.now()));
        for (int i = 0; i < 2; i++) {
          batch.create(db.collection("organizations/" + orgId + "/bench_entries").document(UUID.randomUUID().toString()),
              Map.of("amount", 1L, "account", "customer_payments", "created_at", Timestamp.now()));
        }
        for (int i = 0; i < 3; i++) {
          DocumentReference record = db.collection("bench_outbox").document(UUID.randomUUID().toString());
          outbox.add(record);
          batch.create(record, Map.of("row", "{\"change_id\": \"x\"}", "created_at", Timestamp.now()));
        }
        try {
          batch.commit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException lost) {
          continue;
        }
        WriteBatch relay = db.batch();
        outbox.forEach(relay::delete);
        relay.commit().get(30, TimeUnit.SECONDS);
        break;
      }
      intent.get().get(30, TimeUnit.SECONDS);
      DocumentReference record = db.collection("bench_outbox").document(UUID.randomUUID().toString());
      WriteBatch confirm = db.batch();
      confirm.update(refund, Map.of("status", "succeeded"));
      confirm.create(record, Map.of("row", "{\"change_id\": \"x\"}", "created_at", Timestamp.now()));
      confirm.commit().get(30, TimeUnit.SECONDS);
      record.delete().get(30, TimeUnit.SECONDS);
      claim.update(Map.of("state", "done", "status", 201L, "body", "{}")).get(30, TimeUnit.SECONDS);
      return true;
    };
  }

  private static Map<String, Object> intentFields(String id, String orgId) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("organization_id", orgId);
    data.put("amount", 99_999_999L);
    data.put("currency", "usd");
    data.put("status", "succeeded");
    data.put("capture_method", "automatic");
    data.put("amount_capturable", 0L);
    data.put("amount_received", 99_999_999L);
    data.put("amount_refunded", 0L);
    data.put("customer_ref", "cus_bench");
    data.put("metadata", Map.of());
    data.put("processor", "simulated");
    data.put("processor_intent_id", "pi_sim_" + id);
    data.put("created_at", Timestamp.now());
    data.put("updated_at", Timestamp.now());
    return data;
  }
}
