package com.agenthub.shared.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.changes.AfterCommitDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchItem;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.organizations.Organizations;
import com.agenthub.shared.organizations.PlanQuotas;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link Agents#createAll}: many creates, one usage claim per commit, each item answering as createOrFind would. */
class AgentBatchCreateTest {

  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  private final List<List<Write>> commits = new ArrayList<>();
  private final Agents agents = new Agents(new AfterCommitDocumentStore(memory, commits::add), Clock.systemUTC());
  private final AgentCounters counters = new AgentCounters(memory, agents, Clock.systemUTC());

  private static NewAgent agent(String id, String name) {
    return agent(id, name, Map.of());
  }

  private static NewAgent agent(String id, String name, Map<String, Long> opening) {
    return new NewAgent(Optional.ofNullable(id), name, Optional.empty(), Map.of(), AgentStatus.ACTIVE, opening);
  }

  private long stored(String org) {
    return memory.query(Query.all(AgentPaths.agents(org), Query.MAX_LIMIT)).size();
  }

  private long usage(String org) {
    return memory.get(PlanQuotas.usagePath(org)).orElseThrow().longValue("agents");
  }

  @Test
  void mixedNewExistingAndConflictingIdsAnswerEachItemInOneCommit() {
    agents.createOrFind("org", agent("same", "Same"));
    agents.createOrFind("org", agent("taken", "Taken"));
    String deleted = agents.createOrFind("org", agent("gone", "Gone")).agent().id();
    agents.delete("org", deleted, Optional.empty());
    commits.clear();

    List<BatchItem<Agents.Created>> items = agents.createAll("org", List.of(
        agent("new-1", "New one", Map.of("messages", 42L)), agent("same", "Same"), agent("taken", "Other name"),
        agent(null, "Ours"), agent("gone", "Gone")));

    assertEquals(5, items.size());
    assertTrue(items.get(0).result().orElseThrow().created());
    assertFalse(items.get(1).result().orElseThrow().created());
    assertEquals(ErrorKind.CONFLICT, items.get(2).error().orElseThrow().kind());
    assertEquals(Optional.of("agents[2].id"), items.get(2).error().orElseThrow().field());
    assertTrue(items.get(3).result().orElseThrow().created());
    assertEquals(Optional.of("agents[4].id"), items.get(4).error().orElseThrow().field());
    assertEquals(1, commits.size(), "the two new agents are one commit");
    assertEquals(4, usage("org"), "same, taken and the two new ones (gone was given back)");
    assertEquals(Map.of("messages", 42L), counters.read("org", "new-1"));
    assertEquals("Taken", agents.get("org", "taken").name());
  }

  @Test
  void theSameBatchAgainCreatesNothing() {
    List<NewAgent> batch = List.of(agent("a", "A", Map.of("messages", 3L)), agent("b", "B"));
    agents.createAll("org", batch);
    commits.clear();
    List<BatchItem<Agents.Created>> again = agents.createAll("org", batch);
    assertTrue(again.stream().noneMatch(i -> i.result().orElseThrow().created()));
    assertEquals(0, commits.size());
    assertEquals(2, stored("org"));
    assertEquals(Map.of("messages", 3L), counters.read("org", "a"), "opening counters count once");
  }

  @Test
  void aBatchOverThePlanLimitWritesNothing() {
    long limit = com.agenthub.shared.organizations.Plan.DEFAULT.limit(com.agenthub.shared.organizations.PlanLimit.AGENTS);
    agents.createOrFind("org", agent("first", "First"));
    List<NewAgent> batch = new ArrayList<>();
    for (int i = 0; i < limit; i++) {
      batch.add(agent("a" + i, "A" + i));
    }
    commits.clear();
    ApiError refused = assertThrows(ApiError.class, () -> agents.createAll("org", batch));
    assertEquals(ErrorKind.LIMIT_EXCEEDED, refused.kind());
    assertEquals(0, commits.size());
    assertEquals(1, stored("org"));
    assertEquals(1, usage("org"));
    // One fewer fits exactly.
    assertEquals(limit - 1, agents.createAll("org", batch.subList(0, (int) limit - 1)).size());
    assertEquals(limit, stored("org"));
    assertEquals(limit, usage("org"));
  }

  @Test
  void idsAskedTwiceAndBatchSizeAreRefusedBeforeAnyWrite() {
    ApiError twice = assertThrows(ApiError.class, () -> agents.createAll("org", List.of(agent("x", "X"), agent("y", "Y"), agent("x", "X"))));
    assertEquals(Optional.of("agents[2].id"), twice.field());
    List<NewAgent> tooMany = new ArrayList<>();
    for (int i = 0; i <= Agents.MAX_BATCH; i++) {
      tooMany.add(agent(null, "A"));
    }
    assertEquals(Optional.of("agents"), assertThrows(ApiError.class, () -> agents.createAll("org", tooMany)).field());
    assertEquals(Optional.of("agents"), assertThrows(ApiError.class, () -> agents.createAll("org", List.of())).field());
    assertEquals(0, commits.size());
  }

  @Test
  void aBatchTooLargeForOneCommitIsChunkedEachChunkClaimingItsOwn() {
    memory.commit(List.of(Write.set(Organizations.path("big"), Map.of("subscription_plan", "enterprise"))));
    List<NewAgent> batch = new ArrayList<>();
    for (int i = 0; i < Agents.MAX_BATCH; i++) {
      // 2 writes for the agent and its record, 2 per opening counter: 8 each, 800 in all.
      batch.add(agent("c" + i, "C" + i, Map.of("messages", 1L + i, "tokens_in", 2L, "tokens_out", 3L)));
    }
    commits.clear();
    List<BatchItem<Agents.Created>> items = agents.createAll("big", batch);
    assertTrue(items.stream().allMatch(i -> i.result().orElseThrow().created()));
    assertEquals(2, commits.size());
    assertTrue(commits.stream().allMatch(c -> c.size() <= AgentCreation.MAX_WRITES_PER_COMMIT), "each commit within Firestore's limit");
    assertTrue(commits.stream().allMatch(c -> c.stream().filter(w -> w.path().equals(PlanQuotas.usagePath("big"))).count() == 1),
        "each commit claims its own agents");
    assertEquals(Agents.MAX_BATCH, usage("big"));
    assertEquals(Map.of("messages", 100L, "tokens_in", 2L, "tokens_out", 3L), counters.read("big", "c99"));
  }

  @Test
  void concurrentBatchesOfOneOrganizationNeverExceedThePlanLimit() throws Exception {
    long limit = com.agenthub.shared.organizations.Plan.DEFAULT.limit(com.agenthub.shared.organizations.PlanLimit.AGENTS);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> created = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int thread = t;
        created.add(pool.submit(() -> {
          List<NewAgent> batch = new ArrayList<>();
          for (int i = 0; i < 7; i++) {
            batch.add(agent("t" + thread + "-" + i, "A"));
          }
          try {
            return (int) agents.createAll("org", batch).stream().filter(i -> i.result().isPresent()).count();
          } catch (ApiError e) {
            assertEquals(ErrorKind.LIMIT_EXCEEDED, e.kind());
            return 0;
          }
        }));
      }
      int total = 0;
      for (Future<Integer> f : created) {
        total += f.get();
      }
      assertTrue(total <= limit, total + " created");
      assertEquals(21, total, "three whole batches of 7 fit in 25; a fourth does not");
      assertEquals(total, stored("org"));
      assertEquals(total, usage("org"));
    } finally {
      pool.shutdownNow();
    }
  }
}
