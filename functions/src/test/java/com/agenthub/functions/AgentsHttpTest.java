package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agent Management through real HTTP, the dev server and the Firestore emulator. */
class AgentsHttpTest {

  private ApiClient org;

  @BeforeEach
  void newTenant() {
    org = LocalStackFixture.newOrganization("Agents HTTP test");
  }

  private JsonObject create(String body) {
    ApiResponse created = org.post("CreateAgent", body);
    assertEquals(201, created.status(), created.toString());
    return created.json();
  }

  @Test
  void createThenGetReturnsTheAgentWithDefaultsAndAnEtag() {
    JsonObject agent = create("{\"name\": \"Support bot\", \"industry\": \"retail\", "
        + "\"configuration\": {\"model\": \"gemini\", \"temperature\": 0.2, \"tools\": [\"search\"]}}");
    assertEquals("active", agent.get("status").getAsString());
    assertEquals(20, agent.get("id").getAsString().length());

    ApiResponse got = org.get("GetAgent?agent_id=" + agent.get("id").getAsString());
    assertEquals(200, got.status());
    assertEquals(agent, got.json());
    assertEquals(agent.get("etag").getAsString(), got.header("ETag").orElseThrow());
    assertEquals(0.2, got.json().getAsJsonObject("configuration").get("temperature").getAsDouble());
    assertEquals(agent.get("created_at"), agent.get("updated_at"));
  }

  @Test
  void getOfAnUnknownAgentIs404() {
    ApiResponse got = org.get("GetAgent?agent_id=AAAAAAAAAAAAAAAAAAAA");
    assertEquals(404, got.status());
    assertEquals("not_found", got.errorCode());
  }

  @Test
  void updateChangesOnlyTheGivenFieldsAndMovesTheEtag() {
    JsonObject agent = create("{\"name\": \"Bot\", \"industry\": \"retail\"}");
    String id = agent.get("id").getAsString();
    ApiResponse updated = org.patch("UpdateAgent?agent_id=" + id, "{\"status\": \"paused\"}",
        Map.of("If-Match", agent.get("etag").getAsString()));
    assertEquals(200, updated.status(), updated.toString());
    assertEquals("paused", updated.json().get("status").getAsString());
    assertEquals("Bot", updated.json().get("name").getAsString());
    assertEquals("retail", updated.json().get("industry").getAsString());
    assertNotEquals(agent.get("etag"), updated.json().get("etag"));
    assertEquals(updated.json(), org.get("GetAgent?agent_id=" + id).json());
  }

  @Test
  void updateWithAStaleIfMatchIs412AndChangesNothing() {
    JsonObject agent = create("{\"name\": \"Bot\"}");
    String id = agent.get("id").getAsString();
    String firstEtag = agent.get("etag").getAsString();
    assertEquals(200, org.patch("UpdateAgent?agent_id=" + id, "{\"name\": \"Bot 2\"}", Map.of("If-Match", firstEtag)).status());

    ApiResponse stale = org.patch("UpdateAgent?agent_id=" + id, "{\"name\": \"Bot 3\"}", Map.of("If-Match", firstEtag));
    assertEquals(412, stale.status());
    assertEquals("precondition_failed", stale.errorCode());
    assertEquals("Bot 2", org.get("GetAgent?agent_id=" + id).json().get("name").getAsString());
  }

  @Test
  void updateWithoutAnyFieldIs422AndAMalformedIfMatchIs400() {
    String id = create("{\"name\": \"Bot\"}").get("id").getAsString();
    assertEquals(422, org.patch("UpdateAgent?agent_id=" + id, "{}", Map.of()).status());
    ApiResponse malformed = org.patch("UpdateAgent?agent_id=" + id, "{\"name\": \"x\"}", Map.of("If-Match", "\"yesterday\""));
    assertEquals(400, malformed.status());
    assertEquals("If-Match", malformed.errorField());
  }

  @Test
  void deletedAgentsAreGoneFromGetsListsUpdatesAndCounters() {
    String keep = create("{\"name\": \"Keep\"}").get("id").getAsString();
    JsonObject doomed = create("{\"name\": \"Doomed\"}");
    String id = doomed.get("id").getAsString();
    assertEquals(412, org.delete("DeleteAgent?agent_id=" + id, Map.of("If-Match", "\"1.000000000\"")).status());
    assertEquals(204, org.delete("DeleteAgent?agent_id=" + id, Map.of("If-Match", doomed.get("etag").getAsString())).status());

    assertEquals(404, org.get("GetAgent?agent_id=" + id).status());
    assertEquals(404, org.delete("DeleteAgent?agent_id=" + id, Map.of()).status());
    assertEquals(404, org.patch("UpdateAgent?agent_id=" + id, "{\"name\": \"x\"}", Map.of()).status());
    assertEquals(404, org.post("IncrementAgentCounter", "{\"agent_id\": \"" + id + "\", \"counter\": \"messages\"}").status());
    List<String> listed = listAll("ListAgents?page_size=100");
    assertEquals(List.of(keep), listed);
  }

  @Test
  void paginationOverMoreThanTwoPagesHasNoGapsOrDuplicates() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      created.add(create("{\"name\": \"Agent " + i + "\"}").get("id").getAsString());
    }
    List<String> listed = listAll("ListAgents?page_size=3");
    assertEquals(created, listed, "oldest first, each exactly once");
  }

  @Test
  void listFiltersByStatusAndIndustry() {
    String retailActive = create("{\"name\": \"A\", \"industry\": \"retail\"}").get("id").getAsString();
    String retailPaused = create("{\"name\": \"B\", \"industry\": \"retail\", \"status\": \"paused\"}").get("id").getAsString();
    String bankActive = create("{\"name\": \"C\", \"industry\": \"banking\"}").get("id").getAsString();
    assertEquals(List.of(retailActive, retailPaused), listAll("ListAgents?industry=retail&page_size=1"));
    assertEquals(List.of(retailActive, bankActive), listAll("ListAgents?status=active"));
    assertEquals(List.of(retailPaused), listAll("ListAgents?status=paused&industry=retail"));
    assertEquals(List.of(retailActive, retailPaused), listAll("ListAgents?industry=%20retail%20"), "filters are trimmed like stored values");
    assertEquals(400, org.get("ListAgents?status=deleted").status());
  }

  @Test
  void aPageTokenCannotBeReusedWithOtherFiltersOrForged() {
    for (int i = 0; i < 3; i++) {
      create("{\"name\": \"A\", \"industry\": \"retail\"}");
    }
    String token = org.get("ListAgents?page_size=1&industry=retail").json().get("next_page_token").getAsString();
    ApiResponse reused = org.get("ListAgents?page_size=1&industry=banking&page_token=" + token);
    assertEquals(400, reused.status());
    assertEquals("page_token", reused.errorField());
    assertEquals(400, org.get("ListAgents?page_token=bm90LWEtdG9rZW4").status());
    assertEquals(400, org.get("ListAgents?page_size=101").status());
    assertEquals(400, org.get("ListAgents?page_size=0").status());
  }

  @Test
  void countersAddUpPerNameAndStartAbsent() {
    String id = create("{\"name\": \"Bot\"}").get("id").getAsString();
    assertEquals(new JsonObject(), org.get("GetAgentCounters?agent_id=" + id).json().getAsJsonObject("counters"));
    ApiResponse first = org.post("IncrementAgentCounter", "{\"agent_id\": \"" + id + "\", \"counter\": \"messages\"}");
    assertEquals(200, first.status(), first.toString());
    assertEquals(1, first.json().get("value").getAsLong());
    assertEquals(1001, org.post("IncrementAgentCounter",
        "{\"agent_id\": \"" + id + "\", \"counter\": \"messages\", \"delta\": 1000}").json().get("value").getAsLong());
    org.post("IncrementAgentCounter", "{\"agent_id\": \"" + id + "\", \"counter\": \"tokens\", \"delta\": 52}");
    JsonObject counters = org.get("GetAgentCounters?agent_id=" + id).json().getAsJsonObject("counters");
    assertEquals(1001, counters.get("messages").getAsLong());
    assertEquals(52, counters.get("tokens").getAsLong());
  }

  @Test
  void invalidCounterRequestsNameTheField() {
    String id = create("{\"name\": \"Bot\"}").get("id").getAsString();
    ApiResponse badName = org.post("IncrementAgentCounter", "{\"agent_id\": \"" + id + "\", \"counter\": \"Bad Name\"}");
    assertEquals(400, badName.status());
    assertEquals("counter", badName.errorField());
    ApiResponse badDelta = org.post("IncrementAgentCounter", "{\"agent_id\": \"" + id + "\", \"counter\": \"m\", \"delta\": -1}");
    assertEquals(400, badDelta.status());
    assertEquals("delta", badDelta.errorField());
    ApiResponse fractional = org.post("IncrementAgentCounter", "{\"agent_id\": \"" + id + "\", \"counter\": \"m\", \"delta\": 1.5}");
    assertEquals(400, fractional.status());
    assertEquals("delta", fractional.errorField());
  }

  @Test
  void wrongMethodIs405WithAllow() {
    ApiResponse wrong = org.send("PUT", "GetAgent?agent_id=AAAAAAAAAAAAAAAAAAAA", null, Map.of());
    assertEquals(405, wrong.status());
    assertEquals("GET", wrong.header("Allow").orElseThrow());
  }

  @Test
  void unknownQueryParametersAndMalformedIdsAre400NamingThem() {
    ApiResponse unknown = org.get("GetAgent?agent_id=AAAAAAAAAAAAAAAAAAAA&verbose=1");
    assertEquals(400, unknown.status());
    assertEquals("verbose", unknown.errorField());
    ApiResponse traversal = org.get("GetAgent?agent_id=..%2F..%2Fapi_key_hashes");
    assertEquals(400, traversal.status());
    assertEquals("agent_id", traversal.errorField());
  }

  private List<String> listAll(String firstPage) {
    List<String> ids = new ArrayList<>();
    String next = firstPage;
    for (int pages = 0; pages < 50; pages++) {
      ApiResponse page = org.get(next);
      assertEquals(200, page.status(), page.toString());
      for (JsonElement agent : page.json().getAsJsonArray("agents")) {
        ids.add(agent.getAsJsonObject().get("id").getAsString());
      }
      JsonElement token = page.json().get("next_page_token");
      if (token.isJsonNull()) {
        assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicates across pages: " + ids);
        return ids;
      }
      assertFalse(token.getAsString().isEmpty());
      next = firstPage + "&page_token=" + token.getAsString();
    }
    throw new AssertionError("more than 50 pages");
  }

  static boolean isNull(JsonElement e) {
    return e == null || e.isJsonNull();
  }

  static void assertNoStackTrace(ApiResponse response) {
    assertFalse(response.body().contains("Exception"), response.body());
    assertTrue(response.body().startsWith("{"), response.body());
  }
}
