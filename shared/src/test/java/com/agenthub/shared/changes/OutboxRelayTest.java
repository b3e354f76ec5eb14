package com.agenthub.shared.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.agents.AgentStatus;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.agents.NewAgent;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A committed change is published right after its commit, or — if that fails — by the sweep. */
class OutboxRelayTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final OutboxRelay relay = new OutboxRelay(store, publisher, clock);
  private final Agents agents = new Agents(new RelayingDocumentStore(store, relay), clock);

  @Test
  void aCommittedChangeIsPublishedAtOnceAndLeavesNoOutboxRecord() throws Exception {
    var agent = agents.create("org1", new NewAgent("Ada", Optional.empty(), Map.of("k", 1L), AgentStatus.ACTIVE));

    List<EventPublisher.Message> messages = publisher.published(ChangeMessages.TOPIC);
    assertEquals(1, messages.size());
    Change change = ChangeMessages.decode(messages.get(0).data());
    assertEquals("agents", change.table());
    assertEquals(agent.id(), change.row().get("agent_id").getAsString());
    assertEquals("created", change.row().get("change_type").getAsString());
    assertEquals(List.of(), outbox());
  }

  @Test
  void whenPublishingFailsTheChangeStaysInTheOutboxAndTheSweepRelaysIt() throws UndecodableMessageException {
    publisher.setAvailable(false);
    var agent = agents.create("org1", new NewAgent("Ada", Optional.empty(), Map.of(), AgentStatus.ACTIVE));
    assertEquals(1, outbox().size(), "the commit succeeded and kept its outbox record");
    publisher.setAvailable(true);

    assertEquals(new OutboxRelay.Sweep(0, Duration.ZERO), relay.sweep(Duration.ofSeconds(30)),
        "too young: its own request may still be relaying it");
    clock.advance(Duration.ofSeconds(31));
    assertEquals(new OutboxRelay.Sweep(1, Duration.ofSeconds(31)), relay.sweep(Duration.ofSeconds(30)),
        "the age of the oldest record relayed, for the outbox-age alert");

    Change change = ChangeMessages.decode(publisher.published(ChangeMessages.TOPIC).get(0).data());
    assertEquals(agent.id(), change.row().get("agent_id").getAsString());
    assertEquals(List.of(), outbox());
  }

  @Test
  void changesCommittedInATransactionAreRelayedOnceTheTransactionCommits() {
    var relaying = new RelayingDocumentStore(store, relay);
    var apiKeys = new com.agenthub.shared.organizations.ApiKeys(relaying, clock);
    var key = apiKeys.issue("org1", "ci").key();
    apiKeys.revoke("org1", key.id());
    apiKeys.revoke("org1", key.id()); // already revoked: no second change

    List<String> types = publisher.published(ChangeMessages.TOPIC).stream()
        .map(m -> decode(m).row().get("change_type").getAsString()).toList();
    assertEquals(List.of("created", "revoked"), types);
    assertTrue(outbox().isEmpty());
  }

  @Test
  void aCommitOfManyChangesStoresAFewOutboxDocumentsAndRelaysEveryChange() throws UndecodableMessageException {
    var relaying = new RelayingDocumentStore(store, relay);
    List<com.agenthub.shared.port.Write> writes = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      writes.add(com.agenthub.shared.port.Write.create(com.agenthub.shared.port.CollectionPath.of("things").document("t" + i),
          Map.of("n", (long) i)));
      writes.add(Outbox.record(change("c" + i, "x".repeat(1_000)), clock.instant()));
    }
    publisher.setAvailable(false);
    List<com.agenthub.shared.port.Version> versions = relaying.commit(writes);
    assertEquals(1000, versions.size(), "one version per write asked");
    int documents = outbox().size();
    assertTrue(documents >= 2 && documents <= 3, "500 records of ~1 KB in batches of at most 300,000 chars: " + documents);

    publisher.setAvailable(true);
    clock.advance(Duration.ofSeconds(31));
    assertEquals(500, relay.sweep(Duration.ofSeconds(30)).relayed(), "the sweep relays every change of every batch");
    List<String> ids = published().stream().map(Change::changeId).toList();
    assertEquals(java.util.stream.IntStream.range(0, 500).mapToObj(i -> "c" + i).toList(), ids, "each once, in order");
    assertEquals(1, publisher.published(ChangeMessages.TOPIC).size(), "500 changes of one table relayed together: one message");
    assertEquals(List.of(), outbox());
  }

  @Test
  void aRecordTooBigToShareADocumentStaysAlone() {
    var relaying = new RelayingDocumentStore(store, relay);
    publisher.setAvailable(false);
    relaying.commit(List.of(Outbox.record(change("big", "y".repeat(OutboxBatches.MAX_BATCH_CHARS)), clock.instant()),
        Outbox.record(change("small-1", "z"), clock.instant()), Outbox.record(change("small-2", "z"), clock.instant())));
    assertEquals(2, outbox().size(), "the big record alone, the two small ones together");
    publisher.setAvailable(true);
    relaying.commit(List.of(Outbox.record(change("next", "z"), clock.instant())));
    clock.advance(Duration.ofSeconds(31));
    assertEquals(3, relay.sweep(Duration.ofSeconds(30)).relayed());
    assertEquals(List.of("next", "big", "small-1", "small-2"), published().stream().map(Change::changeId).toList());
    assertEquals(2, publisher.published(ChangeMessages.TOPIC).size(), "'next' at once, the swept three together");
  }

  @Test
  void concurrentRequestsRelayTogetherInAFewPublishesAndLoseNoChange() throws Exception {
    java.util.concurrent.atomic.AtomicInteger publishes = new java.util.concurrent.atomic.AtomicInteger();
    EventPublisher slowBroker = new EventPublisher() {
      @Override
      public String publish(String topic, Message message) {
        return publisher.publish(topic, message);
      }

      @Override
      public List<String> publishAll(String topic, List<Message> messages) {
        publishes.incrementAndGet();
        try {
          Thread.sleep(20); // a broker round trip, during which other requests' relays queue up
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return messages.stream().map(message -> publisher.publish(topic, message)).toList();
      }
    };
    var relaying = new RelayingDocumentStore(store, new OutboxRelay(store, slowBroker, clock));
    java.util.concurrent.ExecutorService requests = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String id = "c" + i;
        done.add(requests.submit(() -> relaying.commit(List.of(Outbox.record(change(id, "p"), clock.instant())))));
      }
      for (java.util.concurrent.Future<?> request : done) {
        request.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      requests.shutdownNow();
    }
    List<String> ids = new java.util.ArrayList<>(published().stream().map(Change::changeId).toList());
    ids.sort(null);
    List<String> expected = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, 64).mapToObj(i -> "c" + i).toList());
    expected.sort(null);
    assertEquals(expected, ids, "every change published once");
    assertEquals(List.of(), outbox(), "and its record deleted");
    assertTrue(publishes.get() < 32, "64 relays from 16 concurrent requests went out in " + publishes.get() + " publishes");
  }

  private static Change change(String id, String payload) {
    com.google.gson.JsonObject row = new com.google.gson.JsonObject();
    row.addProperty("change_id", id);
    row.addProperty("payload", payload);
    return new Change(id, "agents", row);
  }

  private List<?> outbox() {
    return store.query(Query.all(Outbox.COLLECTION, 100));
  }

  private static Change decode(EventPublisher.Message message) {
    try {
      return ChangeMessages.decode(message.data());
    } catch (UndecodableMessageException e) {
      throw new AssertionError(e);
    }
  }

  /** Every change published, in order, whatever messages carried them. */
  private List<Change> published() {
    List<Change> changes = new java.util.ArrayList<>();
    for (EventPublisher.Message message : publisher.published(ChangeMessages.TOPIC)) {
      try {
        changes.addAll(ChangeMessages.decodeAll(message.data()));
      } catch (UndecodableMessageException e) {
        throw new AssertionError(e);
      }
    }
    return changes;
  }
}
