package com.agenthub.shared.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.agents.AgentChanges;
import com.agenthub.shared.agents.AgentCounters;
import com.agenthub.shared.agents.AgentStatus;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.agents.NewAgent;
import com.agenthub.shared.conversations.ConversationMessages;
import com.agenthub.shared.conversations.ConversationSettings;
import com.agenthub.shared.conversations.Conversations;
import com.agenthub.shared.conversations.MessageRole;
import com.agenthub.shared.conversations.NewConversation;
import com.agenthub.shared.conversations.NewMessage;
import com.agenthub.shared.organizations.ApiKeys;
import com.agenthub.shared.organizations.Organizations;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No state change without its change record: every commit the use cases make that touches
 * platform state also writes an outbox record, in the same atomic commit. Add each new use case
 * to the scenario below.
 */
class EveryChangeIsRecordedTest {

  /** Collections that hold machinery, not platform state: writing them is not a change to record. */
  private static final Set<String> NOT_STATE = Set.of("outbox", "idempotency_keys", "metrics_cache", "ingested_messages");

  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  private final List<List<Write>> commits = new ArrayList<>();
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final Clock clock = Clock.systemUTC();

  @Test
  void everyUseCaseCommitCarriesItsChangeRecord() {
    DocumentStore store = new RelayingDocumentStore(new AfterCommitDocumentStore(memory, commits::add),
        new OutboxRelay(memory, publisher, clock));
    ApiKeys apiKeys = new ApiKeys(store, clock);
    Agents agents = new Agents(store, clock);
    AgentCounters counters = new AgentCounters(store, agents, clock);

    String org = new Organizations(store, apiKeys, clock).create("Acme").organization().id();
    String key = apiKeys.issue(org, "ci").key().id();
    apiKeys.revoke(org, key);
    String agent = agents.create(org, new NewAgent("Ada", Optional.empty(), Map.of(), AgentStatus.ACTIVE)).id();
    agents.update(org, agent, new AgentChanges(Optional.of("Ada 2"), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty());
    counters.increment(org, agent, "messages", 3);
    Conversations conversations = new Conversations(store, agents, counters, clock);
    new ConversationSettings(store, clock).setMessageRetentionDays(org, Optional.of(7L));
    String conversation = conversations.create(org,
        new NewConversation(Optional.of("c-1"), agent, Optional.empty(), Optional.empty(), Map.of())).conversation().id();
    new ConversationMessages(store, conversations, counters, clock).append(org, conversation, List.of(
        new NewMessage(MessageRole.USER, "hi", Optional.empty(), Optional.empty(), 3, 0, Optional.empty(), Optional.empty(),
            Optional.of("m-1"))), Optional.empty());
    conversations.close(org, conversation, Optional.empty());
    conversations.delete(org, conversation, Optional.empty());
    agents.delete(org, agent, Optional.empty());

    int stateCommits = 0;
    for (List<Write> commit : commits) {
      boolean changesState = commit.stream().anyMatch(w -> !NOT_STATE.contains(collectionId(w.path())));
      boolean recorded = commit.stream().anyMatch(w -> w instanceof Write.Create c && Outbox.isOutbox(c.path()));
      if (changesState) {
        stateCommits++;
        assertTrue(recorded, "a commit changed state without a change record: " + commit);
      }
    }
    assertEquals(12, stateCommits);
    assertEquals(16, publisher.published(ChangeMessages.TOPIC).size(),
        "organization + first key, key, revoke, agent ×3, counter, settings, conversation + its counter,"
            + " message + messages and tokens_in counters, close, delete");
  }

  private static String collectionId(DocumentPath path) {
    List<String> segments = path.parent().segments();
    return segments.get(segments.size() - 1);
  }
}
