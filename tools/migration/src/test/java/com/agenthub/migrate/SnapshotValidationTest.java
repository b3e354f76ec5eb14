package com.agenthub.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.migrate.importing.Checkpoint;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyIds;
import com.agenthub.migrate.snapshot.Snapshot;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.agenthub.migrate.compare.IgnoreRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotValidationTest {

  private static final Path EXAMPLES = Path.of("examples/snapshot");

  @Test
  void theExampleSnapshotIsValidInEveryDictionary() throws Exception {
    ValidatedSnapshot snapshot = validated(EXAMPLES);
    assertEquals(2, snapshot.valid(Dictionary.AGENTS).size());
    assertEquals(2, snapshot.valid(Dictionary.DATABASE).size());
    assertEquals(1, snapshot.valid(Dictionary.ANALYTICS_DATA).size());
    assertEquals(1, snapshot.valid(Dictionary.KNOWLEDGE_BASE).size());
    assertEquals(2, snapshot.valid(Dictionary.DOCUMENTS_STORE).size());
    assertEquals(2, snapshot.valid(Dictionary.PAYMENT_INTENTS).size());
    assertEquals(2, snapshot.transactionsOf("pi_1").size());
    assertEquals(List.of(), snapshot.rejections());
  }

  @Test
  void aPaymentHistoryThatDoesNotAddUpIsRejectedWithItsTransactions(@TempDir Path dir) throws Exception {
    writeManifest(dir);
    Files.writeString(dir.resolve("payment_intents.ndjson"), String.join("\n",
        "{\"id\": \"ok\", \"amount\": 500, \"currency\": \"jpy\", \"status\": \"succeeded\", \"amount_received\": 500, \"created_at\": \"2026-10-01T09:00:00Z\"}",
        "{\"id\": \"short\", \"amount\": 5000, \"currency\": \"usd\", \"status\": \"succeeded\", \"amount_received\": 5000, \"created_at\": \"2026-10-01T09:00:00Z\"}",
        "{\"id\": \"float\", \"amount\": 50.5, \"currency\": \"usd\", \"status\": \"processing\", \"created_at\": \"2026-10-01T09:00:00Z\"}") + "\n");
    Files.writeString(dir.resolve("transactions.ndjson"), String.join("\n",
        "{\"id\": \"t1\", \"payment_intent_id\": \"ok\", \"kind\": \"payment\", \"amount\": 500, \"currency\": \"jpy\", \"created_at\": \"2026-10-01T09:00:01Z\"}",
        "{\"id\": \"t2\", \"payment_intent_id\": \"short\", \"kind\": \"payment\", \"amount\": 4000, \"currency\": \"usd\", \"created_at\": \"2026-10-01T09:00:01Z\"}",
        "{\"id\": \"t3\", \"payment_intent_id\": \"ghost\", \"kind\": \"payment\", \"amount\": 1, \"currency\": \"usd\", \"created_at\": \"2026-10-01T09:00:01Z\"}") + "\n");
    ValidatedSnapshot snapshot = validated(dir);
    assertEquals(List.of("ok"), validIds(snapshot, Dictionary.PAYMENT_INTENTS));
    assertEquals(List.of("t1"), validIds(snapshot, Dictionary.TRANSACTIONS));
    assertRejected(snapshot, "payment_intents.ndjson", "short", "amount_received", "do not sum up");
    assertRejected(snapshot, "payment_intents.ndjson", "float", "amount", "integer of minor units");
    assertRejected(snapshot, "transactions.ndjson", "t2", "payment_intent_id", "is rejected");
    assertRejected(snapshot, "transactions.ndjson", "t3", "payment_intent_id", "no valid payment intent");
    assertEquals(4, snapshot.rejections().size(), snapshot.rejections().toString());
  }

  @Test
  void anArticleAndADocumentUnderOneIdAreNeitherImported(@TempDir Path dir) throws Exception {
    writeManifest(dir);
    Files.writeString(dir.resolve("knowledge_base.ndjson"), "{\"id\": \"d1\", \"title\": \"T\", \"content\": \"C\"}\n");
    Files.writeString(dir.resolve("documents_store.ndjson"), "{\"id\": \"d1\", \"content\": \"C\"}\n{\"id\": \"d2\", \"content\": \"\\n  Первая строка  \\nrest\"}\n");
    ValidatedSnapshot snapshot = validated(dir);
    assertEquals(List.of("d2"), validIds(snapshot, Dictionary.DOCUMENTS_STORE));
    assertEquals(List.of(), snapshot.valid(Dictionary.KNOWLEDGE_BASE));
    assertRejected(snapshot, "knowledge_base.ndjson", "d1", "id", "neither is imported");
    assertRejected(snapshot, "documents_store.ndjson", "d1", "id", "neither is imported");
    assertEquals("Первая строка", com.agenthub.migrate.importing.DocumentTitles.of(snapshot.valid(Dictionary.DOCUMENTS_STORE).get(0).data()));
  }

  @Test
  void noRecordIsLostOverAFieldTheProductDoesNotKeep(@TempDir Path dir) throws Exception {
    writeManifest(dir);
    Files.writeString(dir.resolve("knowledge_base.ndjson"), "{\"id\": \"d3\", \"title\": \"T3\", \"content\": \"C3\", \"created_at\": \"2026-01-15\"}\n");
    Files.writeString(dir.resolve("embeddings_cache.ndjson"), "{\"id\": \"e1\", \"text\": \"hello\", \"model\": 42, \"vector\": [0.1, null, \"NaN\"]}\n");
    ValidatedSnapshot snapshot = validated(dir);
    assertEquals(List.of(), snapshot.rejections(), "created_at of an article, model and vector of a cached text: re-made by the product");
    assertEquals(List.of("d3"), validIds(snapshot, Dictionary.KNOWLEDGE_BASE));
    assertEquals(List.of("e1"), validIds(snapshot, Dictionary.EMBEDDINGS_CACHE));
  }

  @Test
  void aTimeWrittenByPythonsStrIsRejectedNamingTheValue(@TempDir Path dir) throws Exception {
    writeManifest(dir);
    Files.writeString(dir.resolve("analytics_data.ndjson"), String.join("\n",
        "{\"id\": \"e1\", \"event_type\": \"chat.started\", \"timestamp\": \"2026-11-27 10:00:00.123456+00:00\"}",
        "{\"id\": \"e2\", \"event_type\": \"chat.started\", \"timestamp\": \"2026-11-27T10:00:00.123456+00:00\"}") + "\n");
    ValidatedSnapshot snapshot = validated(dir);
    assertRejected(snapshot, "analytics_data.ndjson", "e1", "timestamp", "e.g. 2026-11-01T10:00:00Z, not '2026-11-27 10:00:00.123456+00:00'");
    assertEquals(List.of("e2"), validIds(snapshot, Dictionary.ANALYTICS_DATA), "an offset is fine");
  }

  @Test
  void aBrokenLineIsRejectedAloneSayingWhereAndTheLikelyCause(@TempDir Path dir) throws Exception {
    writeManifest(dir);
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    for (String line : List.of("{'id': 'a1', 'name': 'repr'}", "{\"id\": \"a2\", \"name\": \"comma\",}", "{\"id\": \"a3\", \"name\": NaN}",
        "{\"id\": \"a4\", \"name\": \"fine\"}", "[\"a5\"]")) {
      file.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] cyrillic = "{\"id\": \"a6\", \"name\": \"Служба\"}\n".getBytes(StandardCharsets.UTF_8);
    file.write(cyrillic, 0, 25); // cut inside "л", the second letter of "Служба"
    file.writeBytes("\n{\"id\": \"a7\", \"name\": \"after the cut\"}\n{\"id\": \"a8\", \"name\": \"cut".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("agents.ndjson"), file.toByteArray());

    ValidatedSnapshot snapshot = validated(dir);
    assertEquals(List.of("a4", "a7"), validIds(snapshot, Dictionary.AGENTS));
    assertRejectedLine(snapshot, 1, "unexpected character near column 3 ($.); single quotes: written with str() or repr() instead of json.dumps?");
    assertRejectedLine(snapshot, 2, "expected name near column 31 ($.name)");
    assertRejectedLine(snapshot, 3, "unexpected character near column 22 ($.name); NaN and Infinity are not JSON");
    assertRejectedLine(snapshot, 5, "not a JSON object but an array");
    assertRejectedLine(snapshot, 6, "not valid UTF-8: was the dump cut short");
    assertRejectedLine(snapshot, 8, "unterminated string near column 26 ($.name); the line ends inside the record: was the dump cut short?");
    assertEquals(6, snapshot.rejections().size(), snapshot.rejections().toString());
    assertTrue(snapshot.rejections().stream().noneMatch(r -> r.reason().contains("Strictness") || r.reason().contains("https")
        || r.reason().contains("Exception")), "no advice for Java programmers: " + snapshot.rejections());
  }

  @Test
  void aManifestThatIsNotWhatItShouldBeSaysSoInOneLine(@TempDir Path dir) throws Exception {
    for (String[] manifest : List.of(new String[] {"{format: 1", "manifest.json is not valid JSON: unexpected character near column 3 ($.)"},
        new String[] {"{\"format\": null, \"version\": 1}", "manifest.json must say \"format\": \"agenthub-legacy-snapshot\""},
        new String[] {"{\"format\": \"agenthub-legacy-snapshot\", \"version\": \"one\"}", "this tool reads snapshot version 1; manifest.json says \"one\""},
        new String[] {"[]", "manifest.json is not a JSON object but an array"})) {
      Files.writeString(dir.resolve("manifest.json"), manifest[0]);
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Snapshot.read(dir), manifest[0]);
      assertEquals(manifest[1], refused.getMessage());
    }
  }

  private static void assertRejectedLine(ValidatedSnapshot snapshot, int line, String reason) {
    assertTrue(snapshot.rejections().stream().anyMatch(r -> r.line() == line && r.field().equals("(record)") && r.reason().contains(reason)),
        "line " + line + ": " + reason + " in " + snapshot.rejections());
  }

  private static void writeManifest(Path dir) throws java.io.IOException {
    Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"agenthub-legacy-snapshot\", \"version\": 1}");
  }

  /** The snapshot in the directory, validated as on the morning of 2026-11-28. */
  private static ValidatedSnapshot validated(Path dir) throws java.io.IOException {
    return ValidatedSnapshot.of(Snapshot.read(dir), Instant.parse("2026-11-28T06:00:00Z"));
  }

  private static List<String> validIds(ValidatedSnapshot snapshot, Dictionary dictionary) {
    return snapshot.valid(dictionary).stream().map(r -> r.legacyId()).toList();
  }

  private static void assertRejected(ValidatedSnapshot snapshot, String file, String id, String field, String reason) {
    assertTrue(snapshot.rejections().stream().anyMatch(r -> r.file().equals(file) && id.equals(r.legacyId()) && r.field().equals(field)
        && r.reason().contains(reason)), file + " " + id + " " + field + " (" + reason + ") in " + snapshot.rejections());
  }

  @Test
  void legacyIdsAreKeptWhenValidAndHashedDeterministicallyOtherwise() {
    assertEquals("agent_1", LegacyIds.clientId(Dictionary.AGENTS, "agent_1"));
    String mapped = LegacyIds.clientId(Dictionary.AGENTS, "агент-2");
    assertTrue(mapped.matches("lg-[0-9a-f]{40}"), mapped);
    assertEquals(mapped, LegacyIds.clientId(Dictionary.AGENTS, "агент-2"));
    assertTrue(!mapped.equals(LegacyIds.clientId(Dictionary.FAQS_STORE, "агент-2")), "the dictionary is part of the hash");
    assertEquals("12", LegacyIds.rowKey("t", "12"));
    assertTrue(LegacyIds.paymentIntentId("pi_1").matches("[0-9a-f]{20}"), "a payment intent id is always derived");
    assertTrue(LegacyIds.rowKey("t", "__reserved").startsWith("lg-"));
  }

  @Test
  void aSnapshotOfAnotherVersionIsRefused(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"agenthub-legacy-snapshot\", \"version\": 2}");
    assertThrows(IllegalArgumentException.class, () -> Snapshot.read(dir));
  }

  @Test
  void aCheckpointIgnoresATornLastLineAndRefusesAnotherSnapshot(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("checkpoint.ndjson");
    Files.writeString(file, "{\"snapshot\":\"abc\"}\n{\"batch\":\"agents:0\",\"created\":2,\"existing\":0,\"rejected\":[],\"conflicts\":[]}\n{\"batch\":\"agen",
        StandardCharsets.UTF_8);
    try (Checkpoint checkpoint = Checkpoint.open(file, "abc", false)) {
      assertEquals(List.of("agents:0"), List.copyOf(checkpoint.done().keySet()));
    }
    assertThrows(IllegalStateException.class, () -> Checkpoint.open(file, "other", false));
  }

  @Test
  void ignoreRulesMatchDottedPathsWithWildcards() {
    IgnoreRules rules = new IgnoreRules(List.of("*.updated_at", "agents.configuration.**"));
    assertTrue(rules.ignores("faqs_store", "updated_at"));
    assertTrue(rules.ignores("agents", "configuration.a.b"));
    assertTrue(!rules.ignores("agents", "name"));
    assertTrue(!rules.ignores("faqs_store", "answer.updated_at"));
  }
}
