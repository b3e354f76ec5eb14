package com.agenthub.functions.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.WarehouseProbe;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify only reads: a cached embedding it does not find is missing and stays missing (it is looked
 * up, not embedded); a read the API refuses the key stops it with one line naming the scope; events
 * are compared as GetMetrics counts them, and one lost is named by its day and type.
 */
class MigrationVerifyHttpTest {

  @TempDir
  Path snapshot;

  @Test
  void verifyWithAKeyThatMayNotReadADictionaryStopsWithOneLineNamingTheScope() throws Exception {
    LegacySnapshots.write(snapshot, 400, 13);
    ApiClient owner = LocalStackFixture.newTenant("verify-scope").client();
    String tablesOnly = JsonParser.parseString(owner.post("CreateApiKey", "{\"name\": \"tables-only\", \"scopes\": [\"tables:read\"]}")
        .body()).getAsJsonObject().get("key").getAsString();
    MigrationRun.Output refused = MigrationRun.captured(() -> MigrationRun.migrate("verify", snapshot, tablesOnly));
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("needs the scope 'agents:read'"), refused.err());
    assertFalse(refused.err().contains("Exception"), "no stack trace: " + refused.err());
  }

  @Test
  void verifyOnlyReadsACachedEmbeddingItDoesNotFindStaysMissing() throws Exception {
    LegacySnapshots.write(snapshot, 400, 14);
    String key = MigrationRun.enterpriseKey("verify-reads-only");
    int entries = (int) Files.lines(snapshot.resolve("embeddings_cache.ndjson")).filter(l -> !l.isBlank()).count();
    for (int run = 1; run <= 2; run++) {
      MigrationRun.Output verified = MigrationRun.captured(() -> MigrationRun.migrate("verify", snapshot, key, "--settle", "0"));
      assertEquals(4, verified.code(), "nothing was imported: " + verified.err());
      var cache = MigrationRun.dictionary(MigrationRun.verifyReport(snapshot), "embeddings_cache");
      assertEquals(entries, cache.getAsJsonArray("missing").size(), "run " + run + ": every cached text missing, the second time too");
    }
  }

  @Test
  void eventsAreComparedPerDayAndTypeAndALostOneIsNamedByItsBucket() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant yearAgo = now.minus(365, ChronoUnit.DAYS);
    Files.writeString(snapshot.resolve("manifest.json"), "{\"format\": \"agenthub-legacy-snapshot\", \"version\": 1}");
    List<String> events = new ArrayList<>(List.of(
        event("old-1", "chat.message", yearAgo), event("old-2", "chat.message", yearAgo.plusSeconds(60)),
        event("old-3", "chat.message", yearAgo.plusSeconds(120)), event("mid-1", "chat.started", now.minus(45, ChronoUnit.DAYS)),
        event("new-1", "chat.message", now.minusSeconds(5)), event("new-2", "chat.message", now.minusSeconds(4)),
        event("day-before-1", "chat.message", now.minus(2, ChronoUnit.DAYS))));
    Files.write(snapshot.resolve("analytics_data.ndjson"), events);
    String key = MigrationRun.enterpriseKey("verify-events");
    // The nightly refresh has pre-computed every day before today: an event streamed into one of
    // them (TrackEvents) would count only from the next refresh; an imported one counts at once.
    WarehouseProbe.refreshAggregates();
    assertEquals(0, MigrationRun.migrate("import", snapshot, key));

    assertEquals(0, MigrationRun.migrate("verify", snapshot, key), "history and recent events counted as the snapshot counts them");
    var counted = MigrationRun.dictionary(MigrationRun.verifyReport(snapshot), "analytics_data");
    assertEquals(4, counted.get("matched").getAsInt(), counted.toString());

    // An event the store never got: its day and type are named, with both counts.
    events.add(event("old-4", "chat.message", yearAgo.plusSeconds(180)));
    Files.write(snapshot.resolve("analytics_data.ndjson"), events);
    assertEquals(4, MigrationRun.migrate("verify", snapshot, key, "--settle", "1"));
    var lost = MigrationRun.dictionary(MigrationRun.verifyReport(snapshot), "analytics_data");
    assertEquals(1, lost.get("differing_count").getAsInt(), lost.toString());
    var bucket = lost.getAsJsonArray("differing").get(0).getAsJsonObject();
    assertEquals(yearAgo.toString().substring(0, 10) + " chat.message", bucket.get("legacy_id").getAsString());
    var field = bucket.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertEquals("events", field.get("field").getAsString());
    assertEquals("4", field.get("snapshot").getAsString());
    assertEquals("3", field.get("store").getAsString());
  }

  private static String event(String id, String type, Instant at) {
    return "{\"id\": \"" + id + "\", \"event_type\": \"" + type + "\", \"user_id\": \"u-" + id + "\", \"timestamp\": \"" + at + "\"}";
  }
}
