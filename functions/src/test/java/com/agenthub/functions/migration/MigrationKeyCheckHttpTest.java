package com.agenthub.functions.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before it writes anything, import checks that its key may call every function the import needs:
 * a key without a scope it needs (or a key the API does not know) stops it with exit 2, each
 * refusal named, and nothing in the store; a dry run with a key reports the same.
 */
class MigrationKeyCheckHttpTest {

  @TempDir
  Path snapshot;

  @Test
  void aKeyWithoutAScopeTheImportNeedsStopsItBeforeAnythingIsWritten() throws Exception {
    LegacySnapshots.write(snapshot, 400, 11);
    var tenant = LocalStackFixture.newTenant("key-check");
    ApiClient owner = tenant.client();
    // Every write scope, but neither knowledge:read (EmbedTexts) nor tables:read (GetTable).
    String writeOnly = JsonParser.parseString(owner.post("CreateApiKey", "{\"name\": \"write-only\", \"scopes\": "
        + "[\"agents:write\", \"knowledge:write\", \"tables:write\", \"payments:write\", \"analytics:write\"]}").body())
        .getAsJsonObject().get("key").getAsString();
    Path work = snapshot.resolve("work");

    Output refused = run(() -> MigrationRun.migrate("import", snapshot, writeOnly, "--work-dir", work.toString()));
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("EmbedTexts needs the scope 'knowledge:read'"), refused.err());
    assertTrue(refused.err().contains("GetTable needs the scope 'tables:read'"), refused.err());
    assertTrue(refused.err().contains("nothing was written"), refused.err());
    assertFalse(refused.err().contains("CreateAgents"), "a function the key may call is not named: " + refused.err());
    assertFalse(Files.exists(work.resolve("checkpoint.ndjson")), "no batch was started");
    assertEquals(0, JsonParser.parseString(owner.get("ListAgents").body()).getAsJsonObject().getAsJsonArray("agents").size());
    assertEquals(0, JsonParser.parseString(owner.get("ListTables").body()).getAsJsonObject().getAsJsonArray("tables").size());

    Output dryRun = run(() -> MigrationRun.migrate("import", snapshot, writeOnly, "--dry-run"));
    assertEquals(2, dryRun.code(), dryRun.out());
    assertTrue(dryRun.out().contains("key: REFUSED"), dryRun.out());
    assertTrue(dryRun.err().contains("'knowledge:read'"), dryRun.err());

    Output unknown = run(() -> MigrationRun.migrate("import", snapshot, "ahk_not-a-key", "--work-dir", work.toString()));
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(unknown.err().contains("the API does not accept this key (401"), unknown.err());

    Output allowed = run(() -> MigrationRun.migrate("import", snapshot, owner.bearer(), "--dry-run"));
    assertEquals(0, allowed.code(), allowed.out() + allowed.err());
    assertTrue(allowed.out().contains("key: may call every function above"), allowed.out());
  }

  private record Output(int code, String out, String err) {}

  /** The CLI's exit code and what it printed (it prints to System.out and System.err; tests run one at a time). */
  private static Output run(Callable<Integer> command) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    try {
      int code = command.call();
      return new Output(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
