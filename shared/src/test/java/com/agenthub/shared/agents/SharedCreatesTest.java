package com.agenthub.shared.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.changes.AfterCommitDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.organizations.Plan;
import com.agenthub.shared.organizations.PlanLimit;
import com.agenthub.shared.organizations.PlanQuotas;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Agents#createOrFind} under concurrency: creates of one organization that arrive together
 * share commits, and each caller still hears only of its own agent.
 */
class SharedCreatesTest {

  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  private final List<List<Write>> commits = Collections.synchronizedList(new ArrayList<>());
  // Each commit takes a broker-like 20 ms, during which other requests' creates queue up.
  private final Agents agents = new Agents(new AfterCommitDocumentStore(memory, commit -> {
    commits.add(commit);
    sleep(20);
  }), Clock.systemUTC());
  private final ExecutorService requests = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    requests.shutdownNow();
  }

  private static NewAgent agent(String id, String name) {
    return new NewAgent(Optional.ofNullable(id), name, Optional.empty(), Map.of(), AgentStatus.ACTIVE, Map.of());
  }

  @Test
  void concurrentCreatesOfOneOrganizationShareCommitsAndEachGetsItsOwnAgent() throws Exception {
    memory.commit(List.of(Write.set(com.agenthub.shared.organizations.Organizations.path("org"),
        Map.of("subscription_plan", "enterprise"))));
    List<Future<Agents.Created>> answers = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      String name = "Agent " + i;
      answers.add(requests.submit(() -> agents.createOrFind("org", agent(null, name))));
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      Agents.Created created = answers.get(i).get(30, TimeUnit.SECONDS);
      assertTrue(created.created());
      assertEquals("Agent " + i, created.agent().name(), "each caller gets the agent it asked for");
      ids.add(created.agent().id());
    }
    assertEquals(48, ids.stream().distinct().count());
    assertEquals(48, memory.query(Query.all(AgentPaths.agents("org"), Query.MAX_LIMIT)).size());
    assertEquals(48L, memory.get(PlanQuotas.usagePath("org")).orElseThrow().longValue("agents"), "usage counts each once");
    long agentCommits = commits.stream().filter(c -> c.stream().anyMatch(w -> w.path().equals(PlanQuotas.usagePath("org")))).count();
    assertTrue(agentCommits < 24, "48 creates from 16 concurrent callers went out in " + agentCommits + " commits");
  }

  @Test
  void whenThePlanHasRoomForSomeOfThemExactlyThoseAreCreated() throws Exception {
    long limit = Plan.DEFAULT.limit(PlanLimit.AGENTS);
    for (int i = 0; i < limit - 3; i++) {
      agents.createOrFind("free", agent(null, "Existing " + i));
    }
    List<Future<Optional<ApiError>>> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String name = "Late " + i;
      answers.add(requests.submit(attempt(() -> agents.createOrFind("free", agent(null, name)))));
    }
    int created = 0;
    for (Future<Optional<ApiError>> answer : answers) {
      Optional<ApiError> refused = answer.get(30, TimeUnit.SECONDS);
      if (refused.isEmpty()) {
        created++;
      } else {
        assertEquals(ErrorKind.LIMIT_EXCEEDED, refused.get().kind());
      }
    }
    assertEquals(3, created, "the plan's last three places, no more");
    assertEquals(limit, memory.query(Query.all(AgentPaths.agents("free"), Query.MAX_LIMIT)).size());
    assertEquals(limit, memory.get(PlanQuotas.usagePath("free")).orElseThrow().longValue("agents"));
  }

  @Test
  void concurrentCreatesOfTheSameIdMakeOneAgentAndConflictsStayPerCaller() throws Exception {
    memory.commit(List.of(Write.set(com.agenthub.shared.organizations.Organizations.path("org"),
        Map.of("subscription_plan", "enterprise"))));
    List<Future<Optional<ApiError>>> same = new ArrayList<>();
    List<Future<Optional<ApiError>>> other = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      same.add(requests.submit(attempt(() -> agents.createOrFind("org", agent("legacy-7", "Seven")))));
      other.add(requests.submit(attempt(() -> agents.createOrFind("org", agent("legacy-7", "Not seven")))));
      String name = "Bystander " + i;
      requests.submit(() -> agents.createOrFind("org", agent(null, name))).get(30, TimeUnit.SECONDS);
    }
    int conflicts = 0;
    for (Future<Optional<ApiError>> answer : same) {
      conflicts += answer.get(30, TimeUnit.SECONDS).map(e -> 1).orElse(0);
    }
    for (Future<Optional<ApiError>> answer : other) {
      conflicts += answer.get(30, TimeUnit.SECONDS).map(e -> {
        assertEquals(ErrorKind.CONFLICT, e.kind());
        return 1;
      }).orElse(0);
    }
    String name = agents.get("org", "legacy-7").name();
    assertEquals(8, conflicts, "every request that asked '" + name + "' under another name is a conflict, the others are answered");
    assertEquals(9, memory.query(Query.all(AgentPaths.agents("org"), Query.MAX_LIMIT)).size(), "one legacy-7 and eight bystanders");
    assertEquals(9L, memory.get(PlanQuotas.usagePath("org")).orElseThrow().longValue("agents"));
  }

  private static Callable<Optional<ApiError>> attempt(Callable<?> create) {
    return () -> {
      try {
        create.call();
        return Optional.empty();
      } catch (ApiError e) {
        return Optional.of(e);
      }
    };
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
