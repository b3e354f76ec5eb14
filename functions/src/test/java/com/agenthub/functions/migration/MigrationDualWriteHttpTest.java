package com.agenthub.functions.migration;

import static com.agenthub.functions.migration.MigrationRun.migrate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyIds;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy service dual-writes the same agents and FAQs (same legacy ids, mapped the documented
 * way) through the API while the import runs: every record ends as exactly one document, with
 * its opening counters counted once, and verify passes. Then shadow: a field changed since the
 * snapshot is a mismatch, and with an ignore rule for it an ignored record.
 */
class MigrationDualWriteHttpTest {

  private static final int AGENTS = 300;
  private static final int FAQS = 40;

  @TempDir
  Path snapshot;

  @Test
  void dualWritesAndTheImportConvergeOnOneDocumentEach() throws Exception {
    List<JsonObject> agents = new ArrayList<>();
    List<JsonObject> faqs = new ArrayList<>();
    StringBuilder agentLines = new StringBuilder();
    StringBuilder counterLines = new StringBuilder();
    StringBuilder faqLines = new StringBuilder();
    for (int i = 0; i < AGENTS; i++) {
      JsonObject a = new JsonObject();
      a.addProperty("id", i % 10 == 0 ? "ägent " + i : "agent-" + i);
      a.addProperty("name", "Agent " + i + " ✓");
      JsonObject configuration = new JsonObject();
      configuration.addProperty("budget", 9_007_199_254_740_993L);
      a.add("configuration", configuration);
      agents.add(a);
      agentLines.append(a).append('\n');
      counterLines.append("{\"id\": ").append(a.get("id")).append(", \"values\": {\"messages\": ").append(1000 + i).append("}}\n");
    }
    for (int i = 0; i < FAQS; i++) {
      JsonObject f = new JsonObject();
      f.addProperty("id", "faq-" + i);
      f.addProperty("question", "Dual question " + i + "?");
      f.addProperty("answer", "Answer " + i);
      faqs.add(f);
      faqLines.append(f).append('\n');
    }
    Files.writeString(snapshot.resolve("manifest.json"), "{\"format\": \"agenthub-legacy-snapshot\", \"version\": 1}");
    Files.writeString(snapshot.resolve("agents.ndjson"), agentLines, StandardCharsets.UTF_8);
    Files.writeString(snapshot.resolve("counters.ndjson"), counterLines, StandardCharsets.UTF_8);
    Files.writeString(snapshot.resolve("faqs_store.ndjson"), faqLines, StandardCharsets.UTF_8);
    String key = MigrationRun.enterpriseKey("Migration dual write");
    ApiClient legacy = new ApiClient(LocalStackFixture.baseUrl(), key);

    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      Future<Integer> imported = pool.submit(() -> migrate("import", snapshot, key, "--concurrency", "4", "--batch-size", "10"));
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < AGENTS; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new java.util.Random(7));
      List<Future<Set<Integer>>> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        writers.add(pool.submit(() -> {
          Set<Integer> statuses = new HashSet<>();
          for (int n = writer; n < order.size(); n += 4) {
            JsonObject a = agents.get(order.get(n)).deepCopy();
            a.addProperty("id", LegacyIds.clientId(Dictionary.AGENTS, a.get("id").getAsString()));
            a.add("counters", com.google.gson.JsonParser.parseString("{\"messages\": " + (1000 + order.get(n)) + "}"));
            statuses.add(legacy.post("CreateAgent", a.toString()).status());
            if (order.get(n) < FAQS) {
              statuses.add(legacy.post("CreateFaq", faqs.get(order.get(n)).toString()).status());
            }
          }
          return statuses;
        }));
      }
      Set<Integer> statuses = new HashSet<>();
      for (Future<Set<Integer>> writer : writers) {
        statuses.addAll(writer.get());
      }
      assertEquals(0, imported.get(), "the import converged with the dual writes");
      assertTrue(Set.of(200, 201).containsAll(statuses), "dual writes answered only 200/201: " + statuses);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(AGENTS, count(legacy, "ListAgents", "agents"), "one document per agent");
    assertEquals(FAQS, count(legacy, "ListFaqs", "faqs"), "one document per FAQ");
    JsonObject summary = MigrationRun.summary(snapshot).getAsJsonObject("dictionaries").getAsJsonObject("agents");
    assertEquals(AGENTS, summary.get("created").getAsInt() + summary.get("existing").getAsInt());
    assertEquals(0, migrate("verify", snapshot, key), "content and counters (counted once) match");

    // Shadow: a field the legacy service legitimately does not keep differs on one agent.
    JsonObject changed = new JsonObject();
    JsonObject configuration = agents.get(5).getAsJsonObject("configuration").deepCopy();
    configuration.addProperty("last_seen", "2026-11-28T08:00:00Z");
    changed.add("configuration", configuration);
    assertEquals(200, legacy.patch("UpdateAgent?agent_id=agent-5", changed.toString(), java.util.Map.of()).status());
    assertEquals(4, migrate("shadow", snapshot, key), "a mismatch without an ignore rule");
    JsonObject agentsReport = MigrationRun.dictionary(MigrationRun.json(snapshot.resolve(".migrate/shadow.json")), "agents");
    assertEquals(1.0 / AGENTS, agentsReport.get("mismatch_rate").getAsDouble(), 1e-9);
    Path workDir = snapshot.resolve("shadow-work");
    assertEquals(0, migrate("shadow", snapshot, key, "--ignore", "agents.configuration.last_seen", "--work-dir", workDir.toString()));
    agentsReport = MigrationRun.dictionary(MigrationRun.json(workDir.resolve("shadow.json")), "agents");
    assertEquals(1, agentsReport.get("ignored").getAsInt());
    assertEquals(AGENTS - 1, agentsReport.get("matched").getAsInt());
    assertEquals(0.0, agentsReport.get("mismatch_rate").getAsDouble());
  }

  private static int count(ApiClient api, String function, String items) {
    int n = 0;
    String token = null;
    do {
      ApiResponse page = api.get(function + "?page_size=100" + (token == null ? "" : "&page_token=" + token));
      n += page.json().getAsJsonArray(items).size();
      token = page.json().get("next_page_token").isJsonNull() ? null : page.json().get("next_page_token").getAsString();
    } while (token != null);
    return n;
  }
}
