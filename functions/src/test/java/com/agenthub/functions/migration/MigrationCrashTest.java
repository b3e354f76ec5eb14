package com.agenthub.functions.migration;

import static com.agenthub.functions.migration.MigrationRun.migrate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the import process at a random point (after a random number of finished batches):
 * the same command again finishes the job without redoing the batches the checkpoint holds, and
 * verify finds every record exactly once.
 */
class MigrationCrashTest {

  private static final int CONCURRENCY = 4;
  private static final int BATCH = 20;

  @TempDir
  Path dir;

  @Test
  void aKilledImportResumesWithoutRedoingFinishedBatches() throws Exception {
    Path snapshot = dir.resolve("snapshot");
    LegacySnapshots.Contents contents = LegacySnapshots.write(snapshot, 4_000, 99);
    String key = MigrationRun.enterpriseKey("Migration crash");
    Path checkpoint = snapshot.resolve(".migrate/checkpoint.ndjson");
    int killAfter = ThreadLocalRandom.current().nextInt(3, 16);

    Process importer = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "com.agenthub.migrate.Migrate", "import", snapshot.toString(),
        "--base-url", LocalStackFixture.baseUrl(), "--key", key,
        "--concurrency", Integer.toString(CONCURRENCY), "--batch-size", Integer.toString(BATCH))
        .redirectErrorStream(true).redirectOutput(dir.resolve("first-run.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    // Killed once at least killAfter batches are checkpointed and the progress bar (refreshed every
    // 500 ms) has printed its rate: a fast import can reach killAfter before the bar's first refresh.
    Path log = dir.resolve("first-run.log");
    while ((finishedBatches(checkpoint) < killAfter || !new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains("rec/s"))
        && importer.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(importer.isAlive(), "the import was still running when killed: " + Files.readString(dir.resolve("first-run.log")));
    importer.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
    assertTrue(importer.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, importer.exitValue(), "killed by SIGKILL");
    int finished = finishedBatches(checkpoint);
    assertTrue(Files.readString(dir.resolve("first-run.log")).contains("rec/s"), "the progress bar showed the rate");
    assertTrue(finished >= killAfter, finished + " >= " + killAfter);

    assertEquals(0, migrate("import", snapshot, key, "--concurrency", Integer.toString(CONCURRENCY), "--batch-size", Integer.toString(BATCH)));
    JsonObject summary = MigrationRun.summary(snapshot);
    JsonObject batches = summary.getAsJsonObject("batches");
    assertEquals(finished, batches.get("skipped_done_earlier").getAsInt(), "every checkpointed batch was skipped: " + summary);
    assertEquals(batches.get("total").getAsInt() - finished, batches.get("done_this_run").getAsInt(), "and only the others were done");
    int existing = 0;
    for (var d : summary.getAsJsonObject("dictionaries").entrySet()) {
      existing += d.getValue().getAsJsonObject().get("existing").getAsInt();
    }
    // Only batches in flight at the kill can have reached the store unrecorded; nothing else is redone.
    assertTrue(existing <= CONCURRENCY * 500, "records found already there on resume: " + existing);
    assertEquals(contents.of(LegacySnapshots.Kind.AGENTS),
        summary.getAsJsonObject("dictionaries").getAsJsonObject("agents").get("created").getAsInt()
            + summary.getAsJsonObject("dictionaries").getAsJsonObject("agents").get("existing").getAsInt());

    assertEquals(0, migrate("verify", snapshot, key), "every record once, none missing, none extra");
    assertFalse(Files.readString(snapshot.resolve(".migrate/verify.json")).contains("\"all_match\": false"));
  }

  private static int finishedBatches(Path checkpoint) throws Exception {
    if (!Files.exists(checkpoint)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(checkpoint, StandardCharsets.UTF_8);
    return (int) lines.stream().filter(l -> l.startsWith("{\"batch\"") && l.endsWith("}")).count();
  }

}
