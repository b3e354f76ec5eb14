package com.agenthub.functions.migration;

import static com.agenthub.functions.migration.MigrationRun.dictionary;
import static com.agenthub.functions.migration.MigrationRun.migrate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated snapshot of every dictionary (10k+ records: unicode, integers past 2^53, nested JSON,
 * money in minor units of zero- and three-decimal currencies, embeddings, documents) through {@code tools/migrate} against the local
 * stack: it imports, verifies, reads back the same through the product's own functions (payments
 * with a ledger whose balances agree with the history), re-runs as a no-op, and a change made
 * afterwards is named by verify, record and field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationHttpTest {

  @TempDir
  static Path dir;

  static Path snapshot;
  static LegacySnapshots.Contents contents;
  static String key;
  static ApiClient api;

  @BeforeAll
  static void importOnce() throws Exception {
    snapshot = dir.resolve("snapshot");
    contents = LegacySnapshots.write(snapshot, 10_000, 13);
    assertTrue(contents.total() >= 10_000, "at least 10k records: " + contents.total());
    key = MigrationRun.enterpriseKey("Migration 10k");
    api = new ApiClient(LocalStackFixture.baseUrl(), key);
  }

  @Test
  @Order(1)
  void everyDictionaryImportsAndVerifies() throws Exception {
    assertEquals(0, migrate("import", snapshot, key), "import exit code");
    JsonObject summary = MigrationRun.summary(snapshot);
    JsonObject agents = summary.getAsJsonObject("dictionaries").getAsJsonObject("agents");
    assertEquals(contents.of(LegacySnapshots.Kind.AGENTS), agents.get("created").getAsInt(), summary.toString());
    assertEquals(contents.of(LegacySnapshots.Kind.DATABASE),
        summary.getAsJsonObject("dictionaries").getAsJsonObject("database").get("created").getAsInt());
    assertEquals(0, summary.get("rejected_total").getAsInt());

    assertEquals(0, migrate("verify", snapshot, key), "verify exit code");
    JsonObject report = MigrationRun.verifyReport(snapshot);
    assertTrue(report.get("all_match").getAsBoolean());
    assertEquals(contents.of(LegacySnapshots.Kind.AGENTS), dictionary(report, "agents").get("matched").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.DATABASE), dictionary(report, "database").get("matched").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.COUNTERS), dictionary(report, "counters").get("matched").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.KNOWLEDGE_BASE), dictionary(report, "knowledge_base").get("matched").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.DOCUMENTS_STORE), dictionary(report, "documents_store").get("matched").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.PAYMENT_INTENTS), dictionary(report, "payment_intents").get("matched").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.TRANSACTIONS), dictionary(report, "transactions").get("matched").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.TRANSACTIONS),
        summary.getAsJsonObject("dictionaries").getAsJsonObject("transactions").get("created").getAsInt(), "each with its intent");
  }

  @Test
  @Order(2)
  void theProductsOwnReadsShowTheSameData() throws Exception {
    Map<String, JsonObject> agents = records("agents");
    JsonObject legacy = agents.get("agent_20");
    JsonObject agent = api.get("GetAgent?agent_id=agent_20").json();
    assertEquals(legacy.get("name").getAsString(), agent.get("name").getAsString());
    assertEquals(9_007_199_254_741_013L, agent.getAsJsonObject("configuration").get("max_tokens_budget").getAsLong());
    assertEquals(Long.MAX_VALUE, agent.getAsJsonObject("configuration").get("largest").getAsLong());
    assertEquals(legacy.getAsJsonObject("configuration").getAsJsonObject("nested").getAsJsonObject("prompts").get("greeting"),
        agent.getAsJsonObject("configuration").getAsJsonObject("nested").getAsJsonObject("prompts").get("greeting"));

    // A unicode legacy id is mapped (recorded in id-map.ndjson); the agent is found under that id.
    String mapped = idMap().get("agents/агент-3 ✓");
    assertTrue(mapped.startsWith("lg-"), mapped);
    assertEquals(agents.get("агент-3 ✓").get("name").getAsString(), api.get("GetAgent?agent_id=" + mapped).json().get("name").getAsString());

    JsonObject counters = records("counters").get("agent_20").getAsJsonObject("values");
    JsonObject stored = api.get("GetAgentCounters?agent_id=agent_20").json().getAsJsonObject("counters");
    assertEquals(counters.get("tokens_in").getAsLong(), stored.get("tokens_in").getAsLong());
    assertEquals(counters.get("messages").getAsLong(), stored.get("messages").getAsLong());

    // Row 10 of the generator is a ledger line keyed by Long.MAX_VALUE - 10, its balance past 2^53.
    JsonObject row = api.get("GetRow?table=ledger_lines&id=" + (Long.MAX_VALUE - 10)).json();
    assertEquals((1L << 53) * -1 + 10, row.get("balance_minor").getAsLong());
    JsonObject order = records("database").get("orders/ord_3").getAsJsonObject("row");
    JsonObject storedOrder = api.get("GetRow?table=orders&id=ord_3").json();
    assertEquals(order.get("amount_minor").getAsLong(), storedOrder.get("amount_minor").getAsLong());
    assertEquals("Zürich", storedOrder.getAsJsonObject("details").getAsJsonObject("address").get("city").getAsString());

    JsonObject faq = api.get("GetFaq?faq_id=faq-1").json();
    assertEquals(records("faqs_store").get("faq-1").get("answer").getAsString(), faq.get("answer").getAsString());
    String text = records("embeddings_cache").values().iterator().next().get("text").getAsString();
    JsonObject embedded = api.post("EmbedTexts", "{\"texts\": [" + new com.google.gson.JsonPrimitive(text) + "]}").json();
    assertTrue(embedded.getAsJsonArray("embeddings").get(0).getAsJsonObject().get("cache_hit").getAsBoolean(), "warmed by the import");

    // History too old for TrackEvents went through ImportEventHistory: GetMetrics counts each day's events.
    Map<String, JsonObject> events = records("analytics_data");
    String day = events.get("evt-9").get("timestamp").getAsString().substring(0, 10);
    long onThatDay = events.values().stream().filter(e -> e.get("timestamp").getAsString().startsWith(day)).count();
    JsonObject metrics = api.get("GetMetrics?start_date=" + day + "&end_date=" + day).json();
    assertEquals(onThatDay, metrics.getAsJsonArray("days").asList().stream()
        .mapToLong(d -> d.getAsJsonObject().get("events").getAsLong()).sum(), metrics.toString());

    // Documents: unicode content kept byte for byte; a legacy document without a title gets its first line.
    JsonObject article = api.get("GetDocument?document_id=kb-1").json();
    assertEquals(records("knowledge_base").get("kb-1").get("content").getAsString(), article.get("content").getAsString());
    assertEquals(records("knowledge_base").get("kb-1").get("title").getAsString().strip(), article.get("title").getAsString());
    JsonObject untitled = api.get("GetDocument?document_id=doc-1").json();
    assertEquals(LegacyKnowledge.text(101).lines().findFirst().orElseThrow(), untitled.get("title").getAsString());
    assertEquals("Zoë Ø'Brien 作者", untitled.getAsJsonObject("metadata").get("author").getAsString());
  }

  @Test
  @Order(3)
  void paymentsReadBackAsTheirHistoryWithALedgerThatAgrees() throws Exception {
    Map<String, JsonObject> intents = records("payment_intents");
    // pi_1 (jpy, zero-decimal) was authorized then captured; pi_2 (kwd, three decimals) is still held.
    JsonObject captured = api.get("GetPaymentIntent?payment_intent_id=" + idMap().get("payment_intents/pi_1")).json();
    assertEquals("succeeded", captured.get("status").getAsString());
    assertEquals("jpy", captured.get("currency").getAsString());
    assertEquals(intents.get("pi_1").get("amount").getAsLong(), captured.get("amount_received").getAsLong());
    assertEquals("manual", captured.get("capture_method").getAsString());
    assertEquals("legacy", captured.get("processor").getAsString());
    assertEquals("pi_1", captured.get("legacy_id").getAsString());
    assertEquals(intents.get("pi_1").get("created_at").getAsString(), captured.get("created_at").getAsString());
    JsonObject held = api.get("GetPaymentIntent?payment_intent_id=" + idMap().get("payment_intents/pi_2")).json();
    assertEquals(intents.get("pi_2").get("amount").getAsLong(), held.get("amount_capturable").getAsLong());
    var capture = api.send("POST", "CapturePaymentIntent", "{\"payment_intent_id\": \"" + held.get("id").getAsString() + "\"}",
        Map.of("Content-Type", "application/json", "Idempotency-Key", "capture-legacy-pi_2"));
    assertEquals(409, capture.status(), "history is never sent to the processor: " + capture);
    assertTrue(capture.body().contains("processor"), capture.body());

    // GetBalance: per currency, received = Σ(amount_received − amount_refunded), held = Σ of requires_capture amounts.
    Map<String, long[]> expected = new HashMap<>();
    for (JsonObject intent : intents.values()) {
      long[] sums = expected.computeIfAbsent(intent.get("currency").getAsString(), c -> new long[2]);
      sums[0] += intent.get("amount_received").getAsLong() - intent.get("amount_refunded").getAsLong();
      sums[1] += intent.get("status").getAsString().equals("requires_capture") ? intent.get("amount").getAsLong() : 0;
    }
    JsonObject balances = api.get("GetBalance").json();
    assertEquals(expected.size(), balances.getAsJsonArray("balances").size(), balances.toString());
    for (var b : balances.getAsJsonArray("balances")) {
      JsonObject balance = b.getAsJsonObject();
      long[] sums = expected.get(balance.get("currency").getAsString());
      assertEquals(sums[0], balance.get("received").getAsLong(), balance.toString());
      assertEquals(sums[1], balance.get("held").getAsLong(), balance.toString());
    }
    JsonObject entries = api.get("ListLedgerEntries?payment_intent_id=" + captured.get("id").getAsString()).json();
    assertEquals(6, entries.getAsJsonArray("ledger_entries").size(), "authorization (2) + capture (4: release the hold, receive)");
  }

  @Test
  @Order(4)
  void aFullReRunAddsNothing() throws Exception {
    assertEquals(0, migrate("import", snapshot, key, "--restart"));
    JsonObject dictionaries = MigrationRun.summary(snapshot).getAsJsonObject("dictionaries");
    assertEquals(0, dictionaries.getAsJsonObject("agents").get("created").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.AGENTS), dictionaries.getAsJsonObject("agents").get("existing").getAsInt());
    assertEquals(0, dictionaries.getAsJsonObject("faqs_store").get("created").getAsInt());
    assertEquals(0, dictionaries.getAsJsonObject("documents_store").get("created").getAsInt());
    assertEquals(0, dictionaries.getAsJsonObject("payment_intents").get("created").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.PAYMENT_INTENTS), dictionaries.getAsJsonObject("payment_intents").get("existing").getAsInt());
    assertEquals(0, dictionaries.getAsJsonObject("transactions").get("created").getAsInt());
    assertEquals(0, dictionaries.getAsJsonObject("analytics_data").get("created").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.ANALYTICS_DATA), dictionaries.getAsJsonObject("analytics_data").get("existing").getAsInt());
    assertEquals(0, migrate("verify", snapshot, key), "still one document per record, counters counted once");
  }

  @Test
  @Order(5)
  void aRecordChangedAfterImportIsNamedWithItsField() throws Exception {
    JsonObject before = api.get("GetAgent?agent_id=agent_22").json();
    assertEquals(200, api.patch("UpdateAgent?agent_id=agent_22", "{\"status\": \"inactive\"}", Map.of()).status());
    assertEquals(200, api.patch("UpdateDocument?document_id=doc-2", "{\"title\": \"Renamed\"}", Map.of()).status());
    assertEquals(4, migrate("verify", snapshot, key));
    JsonObject report = MigrationRun.verifyReport(snapshot);
    JsonObject agents = dictionary(report, "agents");
    assertEquals(1, agents.get("differing_count").getAsInt());
    JsonObject differing = agents.getAsJsonArray("differing").get(0).getAsJsonObject();
    assertEquals("agent_22", differing.get("legacy_id").getAsString());
    assertEquals(1, differing.getAsJsonArray("fields").size());
    JsonObject field = differing.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertEquals("status", field.get("field").getAsString());
    assertEquals("\"" + before.get("status").getAsString() + "\"", field.get("snapshot").getAsString());
    assertEquals("\"inactive\"", field.get("store").getAsString());
    JsonObject documents = dictionary(report, "documents_store");
    assertEquals(1, documents.get("differing_count").getAsInt(), documents.toString());
    JsonObject renamed = documents.getAsJsonArray("differing").get(0).getAsJsonObject();
    assertEquals("doc-2", renamed.get("legacy_id").getAsString());
    assertEquals(1, renamed.getAsJsonArray("fields").size(), renamed.toString());
    assertEquals("title", renamed.getAsJsonArray("fields").get(0).getAsJsonObject().get("field").getAsString());
    assertEquals("\"Renamed\"", renamed.getAsJsonArray("fields").get(0).getAsJsonObject().get("store").getAsString());
    for (var d : report.getAsJsonArray("dictionaries")) {
      if (!List.of("agents", "documents_store").contains(d.getAsJsonObject().get("dictionary").getAsString())) {
        assertEquals(0, d.getAsJsonObject().get("mismatched").getAsInt(), d.toString());
      }
    }
  }

  private static Map<String, JsonObject> records(String dictionary) throws Exception {
    Map<String, JsonObject> byId = new HashMap<>();
    for (String line : Files.readAllLines(snapshot.resolve(dictionary + ".ndjson"), StandardCharsets.UTF_8)) {
      JsonObject r = JsonParser.parseString(line).getAsJsonObject();
      String id = r.get("id").getAsString();
      byId.put(dictionary.equals("database") ? r.get("table").getAsString() + "/" + id : id, r);
    }
    return byId;
  }

  private static Map<String, String> idMap() throws Exception {
    Map<String, String> map = new HashMap<>();
    List<String> lines = Files.readAllLines(snapshot.resolve(".migrate/id-map.ndjson"), StandardCharsets.UTF_8);
    for (String line : lines) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      map.put(o.get("dictionary").getAsString() + "/" + o.get("legacy_id").getAsString(), o.get("product_id").getAsString());
    }
    return map;
  }

}
