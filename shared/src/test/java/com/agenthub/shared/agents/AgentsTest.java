package com.agenthub.shared.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.port.DocumentPath;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Agent Management use cases on the in-memory fake: fast, and held to Firestore by the contract suite. */
class AgentsTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final Agents agents = new Agents(store, Clock.systemUTC());
  private final AgentCounters counters = new AgentCounters(store, agents, Clock.systemUTC());

  private Agent newAgent(String org, String name) {
    return agents.create(org, new NewAgent(name, Optional.of("retail"), Map.of("model", "m"), AgentStatus.ACTIVE));
  }

  @Test
  void deleteArchivesTheWholeRecord() {
    Agent agent = newAgent("org1", "Archived");
    agents.delete("org1", agent.id(), Optional.empty());
    assertEquals(ErrorKind.NOT_FOUND, assertThrows(ApiError.class, () -> agents.get("org1", agent.id())).kind());
    var archived = store.get(DocumentPath.of("organizations", "org1", "deleted_agents", agent.id())).orElseThrow();
    assertEquals("Archived", archived.string("name"));
    assertTrue(archived.field("deleted_at").isPresent());
  }

  @Test
  void updateWithoutIfMatchAppliesToTheLatestVersion() {
    Agent agent = newAgent("org1", "A");
    agents.update("org1", agent.id(), new AgentChanges(Optional.of("B"), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
    Agent after = agents.update("org1", agent.id(),
        new AgentChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(AgentStatus.PAUSED)), Optional.empty());
    assertEquals("B", after.name());
    assertEquals(AgentStatus.PAUSED, after.status());
    assertEquals(after, agents.get("org1", agent.id()));
  }

  @Test
  void staleIfMatchIsRejectedWithTheHeaderAsField() {
    Agent agent = newAgent("org1", "A");
    agents.update("org1", agent.id(), new AgentChanges(Optional.of("B"), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
    ApiError stale = assertThrows(ApiError.class, () -> agents.update("org1", agent.id(),
        new AgentChanges(Optional.of("C"), Optional.empty(), Optional.empty(), Optional.empty()), Optional.of(agent.version())));
    assertEquals(ErrorKind.STALE_VERSION, stale.kind());
    assertEquals(Optional.of("If-Match"), stale.field());
  }

  @Test
  void agentsOfOneOrganizationAreInvisibleToAnother() {
    Agent agent = newAgent("org1", "Mine");
    assertEquals(ErrorKind.NOT_FOUND, assertThrows(ApiError.class, () -> agents.get("org2", agent.id())).kind());
    assertEquals(0, agents.list("org2", new AgentFilter(Optional.empty(), Optional.empty()), new PageRequest(10, Optional.empty())).items().size());
  }

  @Test
  void countersSumTheirShards() {
    Agent agent = newAgent("org1", "Counted");
    for (int i = 0; i < 50; i++) {
      counters.increment("org1", agent.id(), "messages", 2);
    }
    assertEquals(Map.of("messages", 100L), counters.read("org1", agent.id()));
  }

  @Test
  void commandsValidateThemselves() {
    assertEquals(Optional.of("name"), assertThrows(ApiError.class,
        () -> new NewAgent(" ", Optional.empty(), Map.of(), AgentStatus.ACTIVE)).field());
    assertEquals(ErrorKind.UNPROCESSABLE, assertThrows(ApiError.class,
        () -> new AgentChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())).kind());
    assertEquals(Optional.of("configuration.a"), assertThrows(ApiError.class,
        () -> new NewAgent("x", Optional.empty(), Map.of("a", Map.of("", 1L)), AgentStatus.ACTIVE)).field());
  }
}
