package com.agenthub.functions.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's Python dump snippet, as a user copies it, run by python3 on a legacy service's
 * dictionaries holding what such a service holds (datetimes aware and naive, a date, Decimal minor
 * units, sets of tags, tuples, unicode, 2^63-1, int keys): the snapshot it writes imports and
 * verifies, but for a cache entry that is only a vector, rejected with the reason. Before, with
 * {@code default=str} and the keys as they were, the dump wrote "2026-11-29 05:31:37.075757+00:00",
 * "{'a', 'b'}" and numeric ids, all rejected, and a value that is not a dict stopped it with a TypeError.
 */
class PythonDumpHttpTest {

  private static final Path README = Path.of("../README.md");

  @TempDir
  Path work;

  @Test
  void aSnapshotDumpedByReadmesSnippetImportsAllButAVectorWithoutItsText() throws Exception {
    Path snapshot = work.resolve("snapshot");
    dump(snapshot);

    assertRendered(snapshot);
    String key = MigrationRun.enterpriseKey("python-dump");
    assertEquals(3, MigrationRun.migrate("import", snapshot, key), "exit 3: imported but for rejects");
    List<JsonObject> rejects = MigrationRun.rejects(snapshot);
    assertEquals(1, rejects.size(), rejects.toString());
    assertEquals("9bc1", rejects.get(0).get("legacy_id").getAsString());
    assertTrue(rejects.get(0).get("reason").getAsString().contains("a cached vector without its text cannot be re-embedded"), rejects.toString());
    // 19 of the 20 records, in 16 requests' worth: counters and transactions go with their agents and intents
    assertEquals(16, MigrationRun.summary(snapshot).get("records_this_run").getAsInt());
    assertEquals(4, MigrationRun.migrate("verify", snapshot, key), "a rejected record is a mismatch until accepted");
    assertEquals(0, MigrationRun.migrate("verify", snapshot, key, "--accept-rejects"), "every imported record reads back as dumped");
  }

  /** What json.dumps could not write by itself, as the product takes it. */
  private static void assertRendered(Path snapshot) throws IOException {
    JsonObject event = line(snapshot, "analytics_data", 2); // evt-2
    Instant naive = Instant.parse(event.get("timestamp").getAsString()); // datetime.utcnow(): taken as UTC
    assertTrue(event.get("timestamp").getAsString().endsWith("Z"), event.toString());
    assertTrue(Math.abs(naive.plusSeconds(45L * 86_400).getEpochSecond() - Instant.now().getEpochSecond()) < 600, event.toString());
    assertEquals("2026-10-01T08:30:00Z", line(snapshot, "database", 1).getAsJsonObject("row").get("placed_at").getAsString(),
        "09:30 in Paris is 08:30 UTC");
    assertEquals("[\"password\",\"security\"]", line(snapshot, "faqs_store", 0).get("tags").toString(), "a set, sorted");
    assertEquals(5000, line(snapshot, "payment_intents", 0).get("amount").getAsJsonPrimitive().getAsBigInteger().intValueExact(),
        "Decimal minor units as an integer");
    assertEquals("2026-01-15", line(snapshot, "agents", 1).getAsJsonObject("configuration").get("launched").getAsString());
  }

  /** Cuts README's snippet out (the python block after "Dumping from the legacy Python service") and runs the legacy service with it. */
  private void dump(Path snapshot) throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("Dumping from the legacy Python service.*?```python\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has the dump snippet");
    Path snippet = work.resolve("dump_snapshot.py");
    Files.writeString(snippet, block.group(1), StandardCharsets.UTF_8);
    Path service = Path.of(PythonDumpHttpTest.class.getResource("/migration/legacy_service.py").toURI());
    Process python;
    try {
      python = new ProcessBuilder("python3", service.toString(), snippet.toString(), snapshot.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("python3 runs README's dump snippet: install Python 3 (" + e.getMessage() + ")", e);
    }
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 finished");
    assertEquals(0, python.exitValue(), output);
  }

  private static JsonObject line(Path snapshot, String dictionary, int index) throws IOException {
    return JsonParser.parseString(Files.readAllLines(snapshot.resolve(dictionary + ".ndjson"), StandardCharsets.UTF_8).get(index))
        .getAsJsonObject();
  }
}
