package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.organizations.Plan;
import com.agenthub.shared.organizations.PlanLimit;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CreateAgents through real HTTP, the dev server and the Firestore emulator. */
class CreateAgentsHttpTest {

  private static final long TRIAL_LIMIT = Plan.TRIAL.limit(PlanLimit.AGENTS);

  private ApiClient org;

  @BeforeEach
  void newTenant() {
    org = LocalStackFixture.newOrganization("CreateAgents HTTP test");
  }

  private static String batch(String... agents) {
    return "{\"agents\": [" + String.join(", ", agents) + "]}";
  }

  private static String named(String id, String name) {
    return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\"}";
  }

  private static int agentCount(ApiClient client) {
    ApiResponse listed = client.get("ListAgents?page_size=100");
    assertEquals(200, listed.status(), listed.toString());
    return listed.json().getAsJsonArray("agents").size();
  }

  private static String result(JsonObject reply, int index) {
    return reply.getAsJsonArray("agents").get(index).getAsJsonObject().get("result").getAsString();
  }

  @Test
  void mixedNewExistingAndConflictingIdsAnswerEachItem() {
    assertEquals(201, org.post("CreateAgent", named("same", "Same")).status());
    assertEquals(201, org.post("CreateAgent", named("taken", "Taken")).status());

    ApiResponse answer = org.post("CreateAgents", batch(
        "{\"id\": \"new-1\", \"name\": \"New\", \"industry\": \"retail\", \"counters\": {\"messages\": 1042}}",
        named("same", "Same"), named("taken", "Not the same"), "{\"name\": \"Ours\"}"));

    assertEquals(200, answer.status(), answer.toString());
    JsonObject reply = answer.json();
    assertEquals(List.of("created", "found", "error", "created"), List.of(result(reply, 0), result(reply, 1), result(reply, 2), result(reply, 3)));
    JsonObject conflict = reply.getAsJsonArray("agents").get(2).getAsJsonObject().getAsJsonObject("error");
    assertEquals("conflict", conflict.get("code").getAsString());
    assertEquals("agents[2].id", conflict.get("field").getAsString());
    assertEquals(2, reply.get("created").getAsInt());
    assertEquals(1, reply.get("found").getAsInt());
    assertEquals(1, reply.get("failed").getAsInt());

    JsonObject created = reply.getAsJsonArray("agents").get(0).getAsJsonObject().getAsJsonObject("agent");
    ApiResponse got = org.get("GetAgent?agent_id=new-1");
    assertEquals(created, got.json());
    assertEquals(1042, org.get("GetAgentCounters?agent_id=new-1").json().getAsJsonObject("counters").get("messages").getAsLong());
    assertEquals("Taken", org.get("GetAgent?agent_id=taken").json().get("name").getAsString());
    assertEquals(4, agentCount(org));
  }

  @Test
  void anInvalidItemIsA400NamingItAndNothingIsWritten() {
    ApiResponse answer = org.post("CreateAgents", batch(named("a", "A"), named("b", "B"), named("c", "C"), named("d", " "), named("e", "E")));
    assertEquals(400, answer.status(), answer.toString());
    assertEquals("agents[3].name", answer.errorField());
    assertEquals(0, agentCount(org));

    ApiResponse badCounter = org.post("CreateAgents", batch(named("a", "A"), "{\"name\": \"B\", \"counters\": {\"messages\": -1}}"));
    assertEquals("agents[1].counters.messages", badCounter.errorField());
    assertEquals("agents[1]", org.post("CreateAgents", batch(named("a", "A"), "3")).errorField());
    assertEquals("agents[1].id", org.post("CreateAgents", batch(named("a", "A"), named("a", "A"))).errorField());
    assertEquals("agents", org.post("CreateAgents", "{\"agents\": []}").errorField());
    assertEquals("agent", org.post("CreateAgents", "{\"agent\": []}").errorField());
    assertEquals(0, agentCount(org));
  }

  @Test
  void aBatchOverThePlanLimitIsA429AndWritesNothing() {
    assertEquals(201, org.post("CreateAgent", named("first", "First")).status());
    List<String> agents = new ArrayList<>();
    for (int i = 0; i < TRIAL_LIMIT; i++) {
      agents.add(named("a" + i, "A" + i));
    }
    ApiResponse refused = org.post("CreateAgents", batch(agents.toArray(String[]::new)));
    assertEquals(429, refused.status(), refused.toString());
    assertEquals("limit_exceeded", refused.errorCode());
    assertEquals(1, agentCount(org));

    ApiResponse fits = org.post("CreateAgents", batch(agents.subList(1, agents.size()).toArray(String[]::new)));
    assertEquals(200, fits.status(), fits.toString());
    assertEquals(TRIAL_LIMIT, agentCount(org));
    assertEquals(429, org.post("CreateAgent", "{\"name\": \"one more\"}").status(), "the batch's claim counted every agent");
  }

  @Test
  void theSameBatchAgainCreatesNothingAndAnIdempotencyKeyReplays() {
    String body = batch("{\"id\": \"x\", \"name\": \"X\", \"counters\": {\"messages\": 5}}", named("y", "Y"));
    assertEquals(2, org.post("CreateAgents", body).json().get("created").getAsInt());
    JsonObject again = org.post("CreateAgents", body).json();
    assertEquals(0, again.get("created").getAsInt());
    assertEquals(2, again.get("found").getAsInt());
    assertEquals(2, agentCount(org));
    assertEquals(5, org.get("GetAgentCounters?agent_id=x").json().getAsJsonObject("counters").get("messages").getAsLong());

    String keyed = batch("{\"name\": \"No id\"}");
    ApiResponse first = org.send("POST", "CreateAgents", keyed, Map.of("Idempotency-Key", "batch-1", "Content-Type", "application/json"));
    ApiResponse replayed = org.send("POST", "CreateAgents", keyed, Map.of("Idempotency-Key", "batch-1", "Content-Type", "application/json"));
    assertEquals(200, replayed.status());
    assertEquals("true", replayed.header("Idempotent-Replayed").orElse(null));
    assertEquals(first.json(), replayed.json());
    assertEquals(3, agentCount(org));
  }

  @Test
  void anotherOrganizationsKeyNeitherSeesNorTouchesThisOnesAgents() {
    ApiClient other = LocalStackFixture.newOrganization("CreateAgents other tenant");
    assertEquals(200, org.post("CreateAgents", batch(named("shared-id", "Mine"))).status());

    JsonObject theirs = other.post("CreateAgents", batch(named("shared-id", "Theirs"))).json();
    assertEquals("created", result(theirs, 0), "the same id in another organization is another agent");
    assertEquals("Mine", org.get("GetAgent?agent_id=shared-id").json().get("name").getAsString());
    assertEquals("Theirs", other.get("GetAgent?agent_id=shared-id").json().get("name").getAsString());
    ApiResponse smuggled = other.post("CreateAgents", "{\"agents\": [{\"name\": \"x\", \"organization_id\": \"whatever\"}]}");
    assertEquals(400, smuggled.status());
    assertEquals("agents[0].organization_id", smuggled.errorField());
    assertEquals(1, agentCount(org));
    assertEquals(401, new ApiClient(LocalStackFixture.baseUrl(), "not-a-key").post("CreateAgents", batch(named("z", "Z"))).status());
  }

  @Test
  void concurrentBatchesOfOneOrganizationNeverExceedThePlanLimit() throws Exception {
    int perBatch = 8;
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<ApiResponse>> answers = new ArrayList<>();
      for (int t = 0; t < 5; t++) {
        int thread = t;
        answers.add(pool.submit(() -> {
          List<String> agents = new ArrayList<>();
          for (int i = 0; i < perBatch; i++) {
            agents.add(named("t" + thread + "-" + i, "A"));
          }
          return org.post("CreateAgents", batch(agents.toArray(String[]::new)));
        }));
      }
      int created = 0;
      for (Future<ApiResponse> future : answers) {
        ApiResponse answer = future.get();
        assertTrue(answer.status() == 200 || answer.status() == 429, answer.toString());
        if (answer.status() == 200) {
          created += answer.json().get("created").getAsInt();
        }
      }
      assertEquals(TRIAL_LIMIT / perBatch * perBatch, created, "whole batches only, as many as fit");
      assertEquals(created, agentCount(org));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aBatchAnswersTheAgentsAsStored() {
    JsonObject reply = org.post("CreateAgents", batch("{\"name\": \"A\", \"status\": \"paused\", \"configuration\": {\"k\": [1, 2]}}"))
        .json();
    JsonArray agents = reply.getAsJsonArray("agents");
    JsonObject agent = agents.get(0).getAsJsonObject().getAsJsonObject("agent");
    assertEquals(agent, org.get("GetAgent?agent_id=" + agent.get("id").getAsString()).json());
    assertEquals("paused", agent.get("status").getAsString());
  }
}
