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
 * A generated snapshot of every importable dictionary (10k+ records: unicode, integers past 2^53,
 * nested JSON, money in minor units, embeddings) through {@code tools/migrate} against the local
 * stack: it imports, verifies, reads back the same through the product's own functions, re-runs
 * as a no-op, and a change made afterwards is named by verify, record and field.
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
  }

  @Test
  @Order(3)
  void aFullReRunAddsNothing() throws Exception {
    assertEquals(0, migrate("import", snapshot, key, "--restart"));
    JsonObject dictionaries = MigrationRun.summary(snapshot).getAsJsonObject("dictionaries");
    assertEquals(0, dictionaries.getAsJsonObject("agents").get("created").getAsInt());
    assertEquals(contents.of(LegacySnapshots.Kind.AGENTS), dictionaries.getAsJsonObject("agents").get("existing").getAsInt());
    assertEquals(0, dictionaries.getAsJsonObject("faqs_store").get("created").getAsInt());
    assertEquals(0, migrate("verify", snapshot, key), "still one document per record, counters counted once");
  }

  @Test
  @Order(4)
  void aRecordChangedAfterImportIsNamedWithItsField() throws Exception {
    JsonObject before = api.get("GetAgent?agent_id=agent_22").json();
    assertEquals(200, api.patch("UpdateAgent?agent_id=agent_22", "{\"status\": \"inactive\"}", Map.of()).status());
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
    for (var d : report.getAsJsonArray("dictionaries")) {
      if (!d.getAsJsonObject().get("dictionary").getAsString().equals("agents")) {
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
