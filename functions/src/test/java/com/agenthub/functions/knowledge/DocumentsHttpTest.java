package com.agenthub.functions.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Documents and SearchKnowledge over real HTTP, the real model, the emulators and Pub/Sub: a
 * document is indexed in the background (IndexDocument), found by meaning and by words, only by
 * its own organization, and gone with its chunks when deleted.
 */
class DocumentsHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Documents test");

  static String create(ApiClient client, String title, String content, String extraFields) {
    JsonObject body = new JsonObject();
    body.addProperty("title", title);
    body.addProperty("content", content);
    String json = body.toString();
    if (!extraFields.isEmpty()) {
      json = json.substring(0, json.length() - 1) + ", " + extraFields + "}";
    }
    ApiResponse created = client.post("CreateDocument", json);
    assertEquals(202, created.status(), created.toString());
    assertEquals("indexing", created.json().get("status").getAsString());
    return created.json().get("id").getAsString();
  }

  static JsonObject awaitReady(ApiClient client, String id, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonObject document = client.get("GetDocument?document_id=" + id + "&include_content=false").json();
      if (!document.get("status").getAsString().equals("indexing")) {
        assertEquals("ready", document.get("status").getAsString(), document.toString());
        return document;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("document " + id + " was not ready within " + timeout);
  }

  static JsonObject search(ApiClient client, String body) {
    ApiResponse found = client.post("SearchKnowledge", body);
    assertEquals(200, found.status(), found.toString());
    return found.json();
  }

  static List<String> documentsOf(JsonObject result) {
    List<String> ids = new ArrayList<>();
    for (JsonElement hit : result.getAsJsonArray("hits")) {
      ids.add(hit.getAsJsonObject().get("document_id").getAsString());
    }
    return ids;
  }

  @Test
  void aParaphrasedQuestionFindsTheRightChunkFirstWithNoSharedKeyword() throws Exception {
    String password = create(org, "Account access",
        "To reset your password, open the sign-in page and choose Forgot password. We email you a link that works for one hour.", "");
    String shipping = create(org, "Delivery", "Parcels leave our warehouse within two days and arrive three to five days later.", "");
    String refunds = create(org, "Money back", "Refunds are paid to the original card within 30 days of the return.", "");
    for (String id : List.of(password, shipping, refunds)) {
      awaitReady(org, id, Duration.ofSeconds(60));
    }
    String question = "I can no longer remember my login credentials";
    JsonObject vector = search(org, "{\"query\": \"" + question + "\", \"mode\": \"vector\", \"top_k\": 3}");
    JsonObject first = vector.getAsJsonArray("hits").get(0).getAsJsonObject();
    assertEquals(password, first.get("document_id").getAsString(), vector.toString());
    assertEquals("Account access", first.get("document_title").getAsString());
    assertEquals(List.of("vector"), List.of(first.getAsJsonArray("found_by").get(0).getAsString()));
    assertTrue(first.has("vector_distance"));
    assertEquals(0, first.get("start").getAsInt());
    assertEquals(0, search(org, "{\"query\": \"" + question + "\", \"mode\": \"keyword\"}").getAsJsonArray("hits").size(),
        "no keyword is shared");
    assertEquals(password, documentsOf(search(org, "{\"query\": \"" + question + "\"}")).get(0), "hybrid, the default");

    JsonObject words = search(org, "{\"query\": \"refunds to the card\", \"mode\": \"keyword\"}");
    assertEquals(refunds, documentsOf(words).get(0));
    assertEquals("keyword", words.getAsJsonArray("hits").get(0).getAsJsonObject().getAsJsonArray("found_by").get(0).getAsString());
    JsonObject again = search(org, "{\"query\": \"" + question + "\", \"mode\": \"vector\", \"top_k\": 3}");
    assertTrue(again.get("query_embedding_cache_hit").getAsBoolean(), "the query's embedding comes from the cache the second time");
  }

  @Test
  void anotherOrganizationsTextNeverAppearsInAnyModeEvenAsTheBestMatch() throws Exception {
    ApiClient other = LocalStackFixture.newOrganization("Documents other tenant");
    String theirs = create(other, "Secret recipe", "The secret sauce is made of tomatoes, basil and smoked paprika.", "");
    String ours = create(org, "Office hours", "The office opens at nine and closes at five on weekdays.", "");
    awaitReady(other, theirs, Duration.ofSeconds(60));
    awaitReady(org, ours, Duration.ofSeconds(60));
    for (String mode : List.of("vector", "keyword", "hybrid")) {
      JsonObject result = search(org, "{\"query\": \"secret sauce tomatoes basil smoked paprika\", \"mode\": \"" + mode + "\"}");
      assertFalse(documentsOf(result).contains(theirs), mode + ": " + result);
      assertTrue(documentsOf(search(other, "{\"query\": \"secret sauce tomatoes basil smoked paprika\", \"mode\": \"" + mode + "\"}"))
          .contains(theirs), mode);
    }
    assertEquals(404, org.get("GetDocument?document_id=" + theirs).status());
    assertEquals(404, org.delete("DeleteDocument?document_id=" + theirs, Map.of()).status());
  }

  @Test
  void filtersListsUpdatesAndADeleteLeavesNothingToFind() throws Exception {
    String hr = create(org, "Leave policy", "Employees take twenty-five days of paid leave a year.",
        "\"category\": \"hr\", \"tags\": [\"leave\", \"policy\"], \"metadata\": {\"owner\": \"people-team\"}, "
            + "\"source_url\": \"https://intranet.example.com/leave\"");
    String it = create(org, "Laptop policy", "Laptops are replaced every three years.", "\"category\": \"it\", \"tags\": [\"policy\"]");
    awaitReady(org, hr, Duration.ofSeconds(60));
    JsonObject ready = awaitReady(org, it, Duration.ofSeconds(60));
    assertEquals(1, ready.get("chunk_count").getAsInt());

    assertEquals(List.of(hr), ids(org.get("ListDocuments?tag=leave").json()));
    assertEquals(List.of(hr, it), ids(org.get("ListDocuments?tag=policy&status=ready").json()));
    assertEquals(List.of(it), ids(org.get("ListDocuments?category=it").json()));
    JsonObject page = org.get("ListDocuments?page_size=1").json();
    assertEquals(List.of(hr), ids(page));
    assertEquals(List.of(it), ids(org.get("ListDocuments?page_size=1&page_token=" + page.get("next_page_token").getAsString()).json()));
    JsonObject got = org.get("GetDocument?document_id=" + hr).json();
    assertEquals("Employees take twenty-five days of paid leave a year.", got.get("content").getAsString());
    assertEquals("people-team", got.getAsJsonObject("metadata").get("owner").getAsString());

    assertEquals(List.of(it), documentsOf(search(org, "{\"query\": \"policy\", \"filters\": {\"category\": \"it\"}}")));
    assertEquals(List.of(hr), documentsOf(search(org, "{\"query\": \"policy\", \"filters\": {\"tags\": [\"leave\"]}}")));
    assertEquals(List.of(it), documentsOf(search(org, "{\"query\": \"policy\", \"filters\": {\"document_ids\": [\"" + it + "\"]}}")));

    String etag = org.get("GetDocument?document_id=" + it).json().get("etag").getAsString();
    ApiResponse updated = org.patch("UpdateDocument?document_id=" + it, "{\"content\": \"Laptops are replaced every four years.\"}",
        Map.of("If-Match", etag));
    assertEquals(200, updated.status(), updated.toString());
    assertEquals("indexing", updated.json().get("status").getAsString());
    assertEquals(412, org.patch("UpdateDocument?document_id=" + it, "{\"title\": \"late\"}", Map.of("If-Match", etag)).status());
    awaitReady(org, it, Duration.ofSeconds(60));
    assertTrue(search(org, "{\"query\": \"four years\", \"mode\": \"keyword\"}").getAsJsonArray("hits").get(0).getAsJsonObject()
        .get("text").getAsString().contains("four years"));

    ApiResponse deleted = org.delete("DeleteDocument?document_id=" + hr, Map.of());
    assertEquals(204, deleted.status(), deleted.toString());
    assertEquals(404, org.get("GetDocument?document_id=" + hr).status());
    for (String mode : List.of("vector", "keyword", "hybrid")) {
      assertFalse(documentsOf(search(org, "{\"query\": \"paid leave days\", \"mode\": \"" + mode + "\"}")).contains(hr), mode);
    }
    assertEquals(List.of(it), ids(org.get("ListDocuments").json()));
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"   \"}"), 400, "content");
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"" + "x".repeat(1024 * 1024 + 1) + "\"}"), 413, "content");
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"binary\\u0000garbage\\u0007\"}"), 400, "content");
    assertField(org.post("CreateDocument", "{\"title\": \"\", \"content\": \"c\"}"), 400, "title");
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"c\", \"tags\": [\"ok\", \"Not OK\"]}"), 400, "tags[1]");
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"c\", \"category\": \"Bad!\"}"), 400, "category");
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"c\", \"source_url\": \"ftp://x\"}"), 400, "source_url");
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"c\", \"metadata\": [1]}"), 400, "metadata");
    assertField(org.post("CreateDocument", "{\"title\": \"t\", \"content\": \"c\", \"colour\": \"red\"}"), 400, "colour");
    assertField(org.post("SearchKnowledge", "{\"query\": \"q\", \"top_k\": 0}"), 400, "top_k");
    assertField(org.post("SearchKnowledge", "{\"query\": \"q\", \"top_k\": 51}"), 400, "top_k");
    assertField(org.post("SearchKnowledge", "{\"query\": \"q\", \"mode\": \"semantic\"}"), 400, "mode");
    assertField(org.post("SearchKnowledge", "{\"query\": \"q\", \"filters\": {\"author\": \"me\"}}"), 400, "filters.author");
    assertField(org.post("SearchKnowledge", "{\"query\": \"q\", \"filters\": {\"document_ids\": [\"not an id!\"]}}"), 400,
        "filters.document_ids[0]");
    assertField(org.post("SearchKnowledge", "{\"query\": \" \"}"), 400, "query");
    assertField(org.post("SearchKnowledge", "{\"query\": \"q\", \"filters\": {\"tags\": [\"t1\", \"t2\", \"t3\", \"t4\", "
        + "\"t5\", \"t6\", \"t7\", \"t8\", \"t9\", \"t10\", \"t11\"]}}"), 400, "filters.tags");
    assertField(org.get("ListDocuments?status=done"), 400, "status");
    assertEquals(0, org.get("ListDocuments").json().getAsJsonArray("documents").size(), "nothing was written");
  }

  private static void assertField(ApiResponse response, int status, String field) {
    assertEquals(status, response.status(), response.toString());
    assertEquals(field, response.json().getAsJsonObject("error").get("field").getAsString(), response.toString());
  }

  private static List<String> ids(JsonObject list) {
    List<String> ids = new ArrayList<>();
    JsonArray documents = list.getAsJsonArray("documents");
    documents.forEach(d -> ids.add(d.getAsJsonObject().get("id").getAsString()));
    return ids;
  }
}
