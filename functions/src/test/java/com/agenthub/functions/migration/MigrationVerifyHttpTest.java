package com.agenthub.functions.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify only reads: a cached embedding it does not find is missing and stays missing (it is looked
 * up, not embedded); a read the API refuses the key stops it with one line naming the scope.
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
      MigrationRun.Output verified = MigrationRun.captured(() -> MigrationRun.migrate("verify", snapshot, key));
      assertEquals(4, verified.code(), "nothing was imported: " + verified.err());
      var cache = MigrationRun.dictionary(MigrationRun.verifyReport(snapshot), "embeddings_cache");
      assertEquals(entries, cache.getAsJsonArray("missing").size(), "run " + run + ": every cached text missing, the second time too");
    }
  }
}
