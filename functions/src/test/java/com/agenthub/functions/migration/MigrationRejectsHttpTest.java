package com.agenthub.functions.migration;

import static com.agenthub.functions.migration.MigrationRun.migrate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invalid records (wrong types, missing or malformed ids, a legacy id twice, integers past 64 bits,
 * counters of no agent, rows of no table, a payment history that does not add up, and records only
 * the API can refuse: an amount against its currency's rules, a document that is not text) land in the reject file
 * with file, line, legacy id, field and reason; the valid rest imports. A dry run writes nothing.
 */
class MigrationRejectsHttpTest {

  @TempDir
  Path snapshot;

  @Test
  void invalidRecordsAreRejectedWithReasonsAndTheRestImports() throws Exception {
    write("manifest.json", "{\"format\": \"agenthub-legacy-snapshot\", \"version\": 1}");
    write("agents.ndjson", String.join("\n",
        "{\"id\": \"a1\", \"name\": \"Ada\", \"configuration\": {\"k\": [1, 2, {\"x\": null}]}}",
        "{\"name\": \"no id at all\"}",
        "{\"id\": 42, \"name\": \"numeric id\"}",
        "{\"id\": \"dup\", \"name\": \"first\"}",
        "{\"id\": \"a3\", \"name\": 7}",
        "{\"id\": \"dup\", \"name\": \"second\"}",
        "{\"id\": \"a4\", \"name\": \"Huge\", \"configuration\": {\"n\": 123456789012345678901234567890}}",
        "{\"id\": \"a5\", \"name\": \"Too deep\", \"configuration\": " + "{\"d\": ".repeat(20) + "1" + "}".repeat(20) + "}",
        "not json {",
        "{\"id\": \"a2\", \"name\": \"Grace\", \"status\": \"paused\"}") + "\n");
    write("counters.ndjson", String.join("\n",
        "{\"id\": \"a1\", \"values\": {\"messages\": 12}}",
        "{\"id\": \"ghost\", \"values\": {\"messages\": 1}}",
        "{\"id\": \"a2\", \"values\": {\"messages\": \"12\"}}") + "\n");
    write("tables.ndjson", "{\"id\": \"t\", \"primary_key\": \"k\", \"columns\": [{\"name\": \"k\", \"type\": \"string\"}, {\"name\": \"v\", \"type\": \"integer\"}]}\n");
    write("database.ndjson", String.join("\n",
        "{\"id\": \"r1\", \"table\": \"t\", \"row\": {\"v\": 1}}",
        "{\"id\": \"r2\", \"table\": \"nowhere\", \"row\": {\"v\": 2}}",
        "{\"id\": \"r3\", \"table\": \"t\", \"row\": {\"v\": \"three\"}}") + "\n");
    write("payment_intents.ndjson", String.join("\n",
        "{\"id\": \"pi_1\", \"amount\": 5000, \"currency\": \"usd\", \"status\": \"succeeded\", \"amount_received\": 5000, \"created_at\": \"2026-10-01T09:00:00Z\"}",
        "{\"id\": \"pi_kwd\", \"amount\": 5005, \"currency\": \"kwd\", \"status\": \"succeeded\", \"amount_received\": 5005, \"created_at\": \"2026-10-01T09:00:00Z\"}",
        "{\"id\": \"pi_ok\", \"amount\": 500, \"currency\": \"jpy\", \"status\": \"succeeded\", \"amount_received\": 500, \"created_at\": \"2026-10-01T09:00:00Z\"}") + "\n");
    write("transactions.ndjson", String.join("\n",
        "{\"id\": \"t1\", \"payment_intent_id\": \"pi_1\", \"kind\": \"payment\", \"amount\": 4000, \"currency\": \"usd\", \"created_at\": \"2026-10-01T09:00:01Z\"}",
        "{\"id\": \"t2\", \"payment_intent_id\": \"pi_kwd\", \"kind\": \"payment\", \"amount\": 5005, \"currency\": \"kwd\", \"created_at\": \"2026-10-01T09:00:01Z\"}",
        "{\"id\": \"t3\", \"payment_intent_id\": \"pi_ok\", \"kind\": \"payment\", \"amount\": 500, \"currency\": \"jpy\", \"created_at\": \"2026-10-01T09:00:01Z\"}") + "\n");
    write("knowledge_base.ndjson", String.join("\n",
        "{\"id\": \"kb-nul\", \"title\": \"Binary\", \"content\": \"a\\u0000b\"}",
        "{\"id\": \"kb-ok\", \"title\": \"Returns\", \"content\": \"Within 30 days.\"}") + "\n");
    String key = LocalStackFixture.newOrganization("Migration rejects").bearer();
    ApiClient api = new ApiClient(LocalStackFixture.baseUrl(), key);

    assertEquals(3, migrate("import", snapshot, key, "--dry-run"), "a dry run reports the invalid records");
    assertEquals(0, api.get("ListAgents").json().getAsJsonArray("agents").size(), "and writes nothing");

    assertEquals(3, migrate("import", snapshot, key), "imported, with rejections");
    List<JsonObject> rejects = MigrationRun.rejects(snapshot);
    String all = rejects.stream().map(JsonObject::toString).collect(Collectors.joining("\n"));
    assertRejected(rejects, "agents.ndjson", 2, null, "id", "missing legacy id");
    assertRejected(rejects, "agents.ndjson", 3, "42", "id", "must be a string, not a number: write an int key as str(key)");
    assertRejected(rejects, "agents.ndjson", 4, "dup", "id", "duplicate legacy id");
    assertRejected(rejects, "agents.ndjson", 6, "dup", "id", "duplicate legacy id");
    assertRejected(rejects, "agents.ndjson", 5, "a3", "name", "must be a string");
    assertRejected(rejects, "agents.ndjson", 7, "a4", "configuration.n", "64-bit");
    assertRejected(rejects, "agents.ndjson", 8, "a5", "(record)", "the API refused it: malformed JSON: nested deeper than 16");
    assertRejected(rejects, "agents.ndjson", 9, null, "(record)", "not valid JSON: unexpected character near column");
    assertRejected(rejects, "counters.ndjson", 2, "ghost", "id", "no valid agent");
    assertRejected(rejects, "counters.ndjson", 3, "a2", "values.messages", "integer");
    assertRejected(rejects, "database.ndjson", 2, "r2", "table", "no valid table");
    assertRejected(rejects, "database.ndjson", 3, "r3", "v", "the API refused it");
    assertRejected(rejects, "payment_intents.ndjson", 1, "pi_1", "amount_received", "do not sum up");
    assertRejected(rejects, "transactions.ndjson", 1, "t1", "payment_intent_id", "is rejected");
    assertRejected(rejects, "payment_intents.ndjson", 2, "pi_kwd", "amount", "the API refused it: 'amount' in kwd must be a multiple of 10");
    assertRejected(rejects, "transactions.ndjson", 2, "t2", "payment_intent_id", "its payment intent was refused");
    assertRejected(rejects, "knowledge_base.ndjson", 1, "kb-nul", "content", "the API refused it");
    assertEquals(17, rejects.size(), all);

    assertEquals("Ada", api.get("GetAgent?agent_id=a1").json().get("name").getAsString());
    assertEquals(12, api.get("GetAgentCounters?agent_id=a1").json().getAsJsonObject("counters").get("messages").getAsLong());
    assertEquals("paused", api.get("GetAgent?agent_id=a2").json().get("status").getAsString());
    assertEquals(404, api.get("GetAgent?agent_id=dup").status(), "neither duplicate was imported");
    assertEquals(1, api.get("GetRow?table=t&id=r1").json().get("v").getAsLong());
    assertEquals(2, api.get("ListAgents").json().getAsJsonArray("agents").size());
    assertEquals("Within 30 days.", api.get("GetDocument?document_id=kb-ok").json().get("content").getAsString());
    assertEquals(1, api.get("ListDocuments").json().getAsJsonArray("documents").size());
    assertEquals(1, api.get("ListPaymentIntents").json().getAsJsonArray("payment_intents").size(), "only pi_ok");

    assertEquals(4, migrate("verify", snapshot, key), "not everything was imported");
    assertEquals(0, migrate("verify", snapshot, key, "--accept-rejects"), "everything valid was: "
        + Files.readString(snapshot.resolve(".migrate/verify.json")));
  }

  private static void assertRejected(List<JsonObject> rejects, String file, int line, String legacyId, String field, String reason) {
    String all = rejects.stream().map(JsonObject::toString).collect(Collectors.joining("\n"));
    assertTrue(rejects.stream().anyMatch(r -> r.get("file").getAsString().equals(file) && r.get("line").getAsInt() == line
        && (legacyId == null ? r.get("legacy_id").isJsonNull() : legacyId.equals(r.get("legacy_id").getAsString()))
        && r.get("field").getAsString().startsWith(field) && r.get("reason").getAsString().contains(reason)),
        file + ":" + line + " " + field + " (" + reason + ") in\n" + all);
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(snapshot.resolve(name), content, StandardCharsets.UTF_8);
  }
}
