package com.agenthub.functions.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tenant tables through HTTP: schema checks, exact values, uniqueness under concurrency, If-Match, alteration, queries and pages. */
class TablesHttpTest {

  private static final String LEADS = """
      {"name": "leads", "columns": [
        {"name": "email", "type": "string", "required": true, "unique": true, "indexed": true},
        {"name": "score", "type": "integer", "indexed": true},
        {"name": "ratio", "type": "number"},
        {"name": "active", "type": "boolean", "default": true},
        {"name": "seen_at", "type": "timestamp", "indexed": true},
        {"name": "profile", "type": "json"},
        {"name": "tags", "type": "string_array"}]}""";

  private final ApiClient org = LocalStackFixture.newOrganization("Tables");

  @Test
  void rowsKeepExactIntegersUtcTimestampsJsonAndDefaults() {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    ApiResponse inserted = org.post("InsertRows", """
        {"table": "leads", "rows": [{"email": "a@x.io", "score": 9223372036854775807, "ratio": 0.1, "seen_at": "2026-11-28T10:30:00.123456+02:00",
                   "profile": {"big": 9007199254740993, "nested": [[1, 2], {"k": null}]}, "tags": ["vip", "eu"]}]}""");
    assertEquals(201, inserted.status(), inserted.body());
    String id = inserted.json().getAsJsonArray("rows").get(0).getAsJsonObject().get("_id").getAsString();

    ApiResponse read = org.get("GetRow?table=leads&id=" + id);
    assertEquals(200, read.status());
    assertTrue(read.body().contains("\"score\":9223372036854775807"), read.body());
    assertTrue(read.body().contains("9007199254740993"), "integers inside json stay exact: " + read.body());
    JsonObject row = read.json();
    assertEquals("2026-11-28T08:30:00.123456Z", row.get("seen_at").getAsString());
    assertEquals(true, row.get("active").getAsBoolean(), "the default applies");
    assertEquals(JsonParser.parseString("[\"vip\", \"eu\"]"), row.get("tags"));
    assertEquals(JsonParser.parseString("[[1, 2], {\"k\": null}]"), row.getAsJsonObject("profile").get("nested"));
    assertEquals(read.header("ETag").orElseThrow(), row.get("_etag").getAsString());
  }

  @Test
  void everyTypeRefusesAWrongValueNamingRowsIColumnAndInsertsNothing() {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    Map<String, String> wrong = Map.of(
        "email", "7", "score", "1.5", "ratio", "\"high\"", "active", "\"yes\"", "seen_at", "\"yesterday\"",
        "tags", "[\"a\", 1]", "profile", "null");
    for (var entry : wrong.entrySet()) {
      if (entry.getKey().equals("profile")) {
        continue; // any JSON value is a json column's value
      }
      ApiResponse refused = org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"ok@x.io\"}, {\"email\": \"b@x.io\", \""
          + entry.getKey() + "\": " + entry.getValue() + "}]}");
      assertEquals(400, refused.status(), refused.body());
      assertEquals("rows[1]." + entry.getKey(), refused.errorField(), refused.body());
    }
    ApiResponse missing = org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"score\": 1}]}");
    assertEquals("rows[0].email", missing.errorField());
    ApiResponse unknown = org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"c@x.io\", \"nope\": 1}]}");
    assertEquals("rows[0].nope", unknown.errorField());
    ApiResponse tooBig = org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"d@x.io\", \"score\": 99999999999999999999}]}");
    assertEquals("rows[0].score", tooBig.errorField());
    assertEquals(0, count("leads", "[]"), "no batch was partly inserted");
  }

  @Test
  void twentyConcurrentInsertsOfOneUniqueValueLetExactlyOneSucceed() throws Exception {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ApiResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      answers.add(pool.submit(() -> {
        start.await();
        return org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"same@x.io\", \"score\": " + n + "}]}");
      }));
    }
    start.countDown();
    int created = 0;
    for (Future<ApiResponse> answer : answers) {
      ApiResponse response = answer.get(60, TimeUnit.SECONDS);
      if (response.status() == 201) {
        created++;
      } else {
        assertEquals(409, response.status(), response.body());
        assertEquals("rows[0].email", response.errorField());
      }
    }
    pool.shutdown();
    assertEquals(1, created);
    assertEquals(1, count("leads", "[{\"column\": \"email\", \"op\": \"eq\", \"value\": \"same@x.io\"}]"));
    // Freed by a delete, the value can be taken again.
    String id = query("leads", "{}").getAsJsonArray("rows").get(0).getAsJsonObject().get("_id").getAsString();
    assertEquals(204, org.delete("DeleteRow?table=leads&id=" + id, Map.of()).status());
    assertEquals(201, org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"same@x.io\"}]}").status());
  }

  @Test
  void updateIsPartialAndAStaleIfMatchIs412() {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    String id = org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"u@x.io\", \"score\": 1}]}").json()
        .getAsJsonArray("rows").get(0).getAsJsonObject().get("_id").getAsString();
    String etag = org.get("GetRow?table=leads&id=" + id).header("ETag").orElseThrow();
    ApiResponse updated = org.patch("UpdateRow?table=leads&id=" + id, "{\"score\": 2}", Map.of("If-Match", etag));
    assertEquals(200, updated.status(), updated.body());
    assertEquals("u@x.io", updated.json().get("email").getAsString());
    assertEquals(2, updated.json().get("score").getAsLong());
    assertEquals(412, org.patch("UpdateRow?table=leads&id=" + id, "{\"score\": 3}", Map.of("If-Match", etag)).status());
    assertEquals(400, org.patch("UpdateRow?table=leads&id=" + id, "{\"email\": null}", Map.of()).status());
  }

  @Test
  void upsertInsertsOrUpdatesOnThePrimaryKeyOrAUniqueColumn() {
    assertEquals(201, org.post("CreateTable", """
        {"name": "orders", "primary_key": "order_no", "columns": [
          {"name": "order_no", "type": "integer"}, {"name": "status", "type": "string", "indexed": true},
          {"name": "ref", "type": "string", "unique": true}]}""").status());
    assertEquals(201, org.post("InsertRows", "{\"table\": \"orders\", \"rows\": [{\"order_no\": -3, \"status\": \"new\", \"ref\": \"r1\"}]}").status());
    assertEquals(409, org.post("InsertRows", "{\"table\": \"orders\", \"rows\": [{\"order_no\": -3, \"status\": \"dup\"}]}").status());
    ApiResponse upserted = org.post("UpsertRows", """
        {"table": "orders", "rows": [{"order_no": -3, "status": "paid"}, {"order_no": 10, "status": "new", "ref": "r2"}]}""");
    assertEquals(200, upserted.status(), upserted.body());
    assertEquals("paid", org.get("GetRow?table=orders&id=-3").json().get("status").getAsString());
    assertEquals("r1", org.get("GetRow?table=orders&id=-3").json().get("ref").getAsString());
    assertEquals(200, org.post("UpsertRows", "{\"table\": \"orders\", \"on\": \"ref\", \"rows\": [{\"ref\": \"r2\", \"status\": \"shipped\"}]}")
        .status());
    assertEquals("shipped", org.get("GetRow?table=orders&id=10").json().get("status").getAsString());
    // Integer keys order numerically.
    JsonArray rows = query("orders", "{}").getAsJsonArray("rows");
    assertEquals(List.of("-3", "10"), List.of(rows.get(0).getAsJsonObject().get("_id").getAsString(),
        rows.get(1).getAsJsonObject().get("_id").getAsString()));
  }

  @Test
  void anAddedColumnReadsItsDefaultOnOldRowsAndIsQueryable() {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"old@x.io\", \"score\": 5}]}");
    String etag = org.get("GetTable?table=leads").header("ETag").orElseThrow();
    ApiResponse altered = org.patch("AlterTable?table=leads", """
        {"add_columns": [{"name": "tier", "type": "string", "default": "free"},
                         {"name": "region", "type": "string", "indexed": true}],
         "rename_columns": {"ratio": "conversion"}}""", Map.of("If-Match", etag));
    assertEquals(200, altered.status(), altered.body());
    assertEquals(2, altered.json().get("schema_version").getAsLong());
    assertEquals(412, org.patch("AlterTable?table=leads", "{\"drop_columns\": [\"tags\"]}", Map.of("If-Match", etag)).status());
    org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"new@x.io\", \"score\": 5, \"tier\": \"pro\", \"region\": \"eu\"}]}");

    JsonArray rows = query("leads", "{\"filters\": [{\"column\": \"score\", \"op\": \"eq\", \"value\": 5}], \"order\": {\"column\": \"email\"}}")
        .getAsJsonArray("rows");
    assertEquals(2, rows.size());
    assertEquals("free", rows.get(1).getAsJsonObject().get("tier").getAsString(), "the old row reads the default");
    assertTrue(rows.get(1).getAsJsonObject().has("conversion"));
    assertEquals(1, count("leads", "[{\"column\": \"region\", \"op\": \"is_null\", \"value\": true}]"), "the old row has no region");
    assertEquals(1, count("leads", "[{\"column\": \"region\", \"op\": \"eq\", \"value\": \"eu\"}]"));
  }

  @Test
  void aQueryOnAnUnindexedColumnOrAnUnservedShapeIs400NamingWhatToChange() {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    ApiResponse unindexed = org.post("QueryRows", "{\"table\": \"leads\", \"filters\": [{\"column\": \"ratio\", \"op\": \"gt\", \"value\": 1}]}");
    assertEquals(400, unindexed.status());
    assertEquals("filters[0].column", unindexed.errorField());
    assertTrue(unindexed.body().contains("index 'ratio'"), unindexed.body());
    ApiResponse twoRanges = org.post("QueryRows", """
        {"table": "leads", "filters": [{"column": "score", "op": "gt", "value": 1}, {"column": "email", "op": "lt", "value": "m"}]}""");
    assertEquals(400, twoRanges.status());
    ApiResponse otherOrder = org.post("QueryRows", """
        {"table": "leads", "filters": [{"column": "score", "op": "gt", "value": 1}], "order": {"column": "email"}}""");
    assertEquals("order.column", otherOrder.errorField());
  }

  @Test
  void pagesOverConcurrentInsertsHaveNoDuplicatesAndNoGapsAmongEarlierRows() throws Exception {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    Set<String> before = new HashSet<>();
    for (int batch = 0; batch < 2; batch++) {
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 60; i++) {
        rows.append(rows.length() == 0 ? "" : ",").append("{\"email\": \"p").append(batch).append('-').append(i)
            .append("@x.io\", \"score\": ").append(i % 7).append('}');
      }
      org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [" + rows + "]}").json().getAsJsonArray("rows")
          .forEach(r -> before.add(r.getAsJsonObject().get("_id").getAsString()));
    }
    ExecutorService inserter = Executors.newSingleThreadExecutor();
    Future<?> inserting = inserter.submit(() -> {
      for (int i = 0; i < 40; i++) {
        org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"late" + i + "@x.io\", \"score\": " + (i % 7) + "}]}");
      }
    });
    List<String> seen = new ArrayList<>();
    int pages = 0;
    String token = null;
    do {
      JsonObject page = query("leads", "{\"order\": {\"column\": \"score\", \"direction\": \"desc\"}, \"page_size\": 15"
          + (token == null ? "" : ", \"page_token\": \"" + token + "\"") + "}");
      page.getAsJsonArray("rows").forEach(r -> seen.add(r.getAsJsonObject().get("_id").getAsString()));
      JsonElement next = page.get("next_page_token");
      token = next.isJsonNull() ? null : next.getAsString();
      pages++;
    } while (token != null);
    inserting.get(60, TimeUnit.SECONDS);
    inserter.shutdown();
    assertTrue(pages > 5, "pages: " + pages);
    assertEquals(seen.size(), new HashSet<>(seen).size(), "no row twice");
    assertTrue(seen.containsAll(before), "every row that existed before the first page is seen");
  }

  @Test
  void deleteRowsIsBoundedAndDeleteTableTakesItsRows() {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"d1@x.io\", \"score\": 1}, {\"email\": \"d2@x.io\", \"score\": 1},"
        + " {\"email\": \"d3@x.io\", \"score\": 2}]}");
    ApiResponse deleted = org.post("DeleteRows", "{\"table\": \"leads\", \"filters\": [{\"column\": \"score\", \"op\": \"eq\", \"value\": 1}]}");
    assertEquals(200, deleted.status(), deleted.body());
    assertEquals(2, deleted.json().get("deleted").getAsInt());
    assertFalse(deleted.json().get("more").getAsBoolean());
    assertEquals(1, count("leads", "[]"));
    assertEquals(204, org.delete("DeleteTable?table=leads", Map.of()).status());
    assertEquals(404, org.get("GetTable?table=leads").status());
    assertEquals(404, org.post("QueryRows", "{\"table\": \"leads\"}").status());
    assertEquals(201, org.post("CreateTable", LEADS).status(), "the name is free again");
    assertEquals(0, count("leads", "[]"), "the new table does not see the old rows");
  }

  @Test
  void anotherOrganizationCannotSeeQueryAlterOrDeleteTheTableOrItsRows() {
    assertEquals(201, org.post("CreateTable", LEADS).status());
    String id = org.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"secret@x.io\"}]}").json()
        .getAsJsonArray("rows").get(0).getAsJsonObject().get("_id").getAsString();
    ApiClient other = LocalStackFixture.newOrganization("Tables intruder");
    assertEquals(404, other.get("GetTable?table=leads").status());
    assertEquals(404, other.get("GetRow?table=leads&id=" + id).status());
    assertEquals(404, other.post("QueryRows", "{\"table\": \"leads\"}").status());
    assertEquals(404, other.post("InsertRows", "{\"table\": \"leads\", \"rows\": [{\"email\": \"x@x.io\"}]}").status());
    assertEquals(404, other.patch("UpdateRow?table=leads&id=" + id, "{\"score\": 1}", Map.of()).status());
    assertEquals(404, other.delete("DeleteRow?table=leads&id=" + id, Map.of()).status());
    assertEquals(404, other.patch("AlterTable?table=leads", "{\"drop_columns\": [\"tags\"]}", Map.of()).status());
    assertEquals(404, other.delete("DeleteTable?table=leads", Map.of()).status());
    assertEquals(0, other.get("ListTables").json().getAsJsonArray("tables").size());
    // Its own table of the same name is its own.
    assertEquals(201, other.post("CreateTable", LEADS).status());
    assertEquals(0, other.post("QueryRows", "{\"table\": \"leads\", \"count\": true}").json().get("count").getAsLong());
    assertEquals("secret@x.io", org.get("GetRow?table=leads&id=" + id).json().get("email").getAsString());
  }

  private JsonObject query(String table, String body) {
    ApiResponse response = org.post("QueryRows", "{\"table\": \"" + table + "\"" + (body.equals("{}") ? "}" : ", " + body.substring(1)));
    assertEquals(200, response.status(), response.body());
    return response.json();
  }

  private long count(String table, String filters) {
    return query(table, "{\"filters\": " + filters + ", \"count\": true, \"page_size\": 1}").get("count").getAsLong();
  }
}
