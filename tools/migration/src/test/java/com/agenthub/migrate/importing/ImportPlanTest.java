package com.agenthub.migrate.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.Snapshot;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How an import is cut into batches, and in which order they are handed to the pool. */
class ImportPlanTest {

  private static ValidatedSnapshot example() throws Exception {
    return ValidatedSnapshot.of(Snapshot.read(Path.of("examples/snapshot")), Instant.parse("2026-11-28T06:00:00Z"));
  }

  private static List<String> ids(ImportPlan plan) {
    return plan.all().stream().map(Batch::id).toList();
  }

  @Test
  void batchesCutByTheChosenSizeNameItSoAnotherCutNeverMatchesThem() throws Exception {
    ValidatedSnapshot snapshot = example();
    Set<String> by100 = Set.copyOf(ids(ImportPlan.of(snapshot, 100)));
    Set<String> by1 = Set.copyOf(ids(ImportPlan.of(snapshot, 1)));
    assertTrue(by100.contains("agents:by100:0"), by100.toString());
    assertTrue(by1.contains("agents:by1:1"), by1.toString());
    Set<String> sized = by100.stream().filter(id -> !id.startsWith("database:") && !id.startsWith("embeddings_cache:")
        && !id.startsWith("analytics_data:")).collect(Collectors.toSet());
    assertTrue(sized.stream().noneMatch(by1::contains), "no batch of one cut has the id of a batch of the other: " + sized);
  }

  @Test
  void documentsGoTenToABatchAtMostAndTheDictionariesTakeTurns() throws Exception {
    ImportPlan plan = ImportPlan.of(example(), 1);
    assertTrue(plan.all().stream().filter(b -> b.dictionary() == Dictionary.KNOWLEDGE_BASE || b.dictionary() == Dictionary.DOCUMENTS_STORE)
        .allMatch(b -> b.records().size() <= ImportPlan.DOCUMENTS_PER_BATCH));
    List<Dictionary> order = plan.rest().stream().map(Batch::dictionary).toList();
    int kinds = (int) order.stream().distinct().count();
    assertEquals(kinds, order.subList(0, kinds).stream().distinct().count(), "one batch of each dictionary before a second of any: " + order);
  }

  @Test
  void theKeyIsCheckedAgainstEveryCallTheImportMayMakeFallbacksAndReRunsIncluded() throws Exception {
    Set<String> endpoints = ImportPlan.of(example(), 100).endpoints().stream()
        .map(e -> e.method() + " " + e.function()).collect(Collectors.toSet());
    assertEquals(Set.of("POST CreateTable", "GET GetTable", "POST InsertRows", "POST UpsertRows", "POST CreateAgents", "POST CreateAgent",
        "POST CreateFaqs", "POST CreateFaq", "POST EmbedTexts", "POST ImportEventHistory", "POST CreateDocument", "POST ImportPaymentIntents",
        "POST ImportPaymentIntent"), endpoints);
  }
}
