package com.agenthub.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyIds;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's Python id mapping (what a dual-writing legacy service runs) gives the ids the import
 * gives ({@link LegacyIds}): otherwise a dual write and the import of one record would make two
 * documents. Run by python3 on the ids where the rules bite.
 */
class LegacyIdsPythonTest {

  private static final Path README = Path.of("../../README.md");
  private static final List<String> IDS = List.of("agent_1", "Agent-2", "агент-2", "a b", "x".repeat(64), "x".repeat(65),
      "__proto", "_under", "-dash", "evt.1:2", "évt", "Ünïcödé ✓", "row/with/slash", "y".repeat(128), "y".repeat(129),
      "emoji 🤖", "tab\tin", "line\nbreak");
  private static final List<Dictionary> CLIENT_ID_DICTIONARIES = List.of(Dictionary.AGENTS, Dictionary.FAQS_STORE,
      Dictionary.KNOWLEDGE_BASE, Dictionary.DOCUMENTS_STORE);

  @TempDir
  Path work;

  @Test
  void pythonMapsEveryLegacyIdAsTheImportDoes() throws Exception {
    JsonArray python = runPython();
    assertEquals(IDS.size(), python.size());
    int hashed = 0;
    for (int i = 0; i < IDS.size(); i++) {
      String id = IDS.get(i);
      JsonObject mapped = python.get(i).getAsJsonObject();
      for (Dictionary dictionary : CLIENT_ID_DICTIONARIES) {
        assertEquals(LegacyIds.clientId(dictionary, id), mapped.getAsJsonObject("product_id").get(dictionary.legacyName()).getAsString(),
            dictionary + " " + id);
      }
      assertEquals(LegacyIds.rowKey("orders", id), mapped.get("row_key").getAsString(), "row " + id);
      assertEquals(LegacyIds.eventId(id), mapped.get("event_id").getAsString(), "event " + id);
      hashed += LegacyIds.clientId(Dictionary.AGENTS, id).startsWith("lg-") ? 1 : 0;
    }
    assertTrue(hashed >= 8 && hashed < IDS.size(), "both rules are exercised: " + hashed + " of " + IDS.size() + " hashed");
  }

  /** README's block after "The same mapping in Python", dedented, then a loop over the ids. */
  private JsonArray runPython() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("The same mapping in Python.*?```python\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README has the Python id mapping");
    String driver = """

        import json, sys
        out = []
        for legacy_id in json.load(sys.stdin):
            out.append({"product_id": {d: product_id(d, legacy_id) for d in %s},
                        "row_key": row_key("orders", legacy_id), "event_id": event_id(legacy_id)})
        print(json.dumps(out))
        """.formatted(new Gson().toJson(CLIENT_ID_DICTIONARIES.stream().map(Dictionary::legacyName).toList()));
    Path script = work.resolve("ids.py");
    Files.writeString(script, block.group(1).stripIndent() + driver, StandardCharsets.UTF_8);
    Process python;
    try {
      python = new ProcessBuilder("python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new AssertionError("python3 runs README's id mapping: install Python 3 (" + e.getMessage() + ")", e);
    }
    python.getOutputStream().write(new Gson().toJson(IDS).getBytes(StandardCharsets.UTF_8));
    python.getOutputStream().close();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 finished");
    assertEquals(0, python.exitValue(), output);
    return JsonParser.parseString(output).getAsJsonArray();
  }
}
