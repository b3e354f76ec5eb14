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
  void theExampleSnapshotIsValidExceptWhatHasNoImportPath() throws Exception {
    ValidatedSnapshot snapshot = ValidatedSnapshot.of(Snapshot.read(EXAMPLES), Instant.parse("2026-11-28T06:00:00Z"));
    assertEquals(2, snapshot.valid(Dictionary.AGENTS).size());
    assertEquals(2, snapshot.valid(Dictionary.DATABASE).size());
    assertEquals(1, snapshot.valid(Dictionary.ANALYTICS_DATA).size());
    snapshot.rejections().forEach(r -> assertTrue(r.reason().startsWith("no import path yet"), r.toString()));
    assertEquals(5, snapshot.rejections().size(), "payment intents (1), transactions (2), articles (1), documents (1)");
  }

  @Test
  void legacyIdsAreKeptWhenValidAndHashedDeterministicallyOtherwise() {
    assertEquals("agent_1", LegacyIds.clientId(Dictionary.AGENTS, "agent_1"));
    String mapped = LegacyIds.clientId(Dictionary.AGENTS, "агент-2");
    assertTrue(mapped.matches("lg-[0-9a-f]{40}"), mapped);
    assertEquals(mapped, LegacyIds.clientId(Dictionary.AGENTS, "агент-2"));
    assertTrue(!mapped.equals(LegacyIds.clientId(Dictionary.FAQS_STORE, "агент-2")), "the dictionary is part of the hash");
    assertEquals("12", LegacyIds.rowKey("t", "12"));
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
