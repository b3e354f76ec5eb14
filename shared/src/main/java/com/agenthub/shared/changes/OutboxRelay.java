package com.agenthub.shared.changes;

import com.agenthub.shared.concurrency.GroupCommit;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves changes from the outbox to the platform-changes topic: publish, then delete the outbox
 * document. Publishing twice is harmless (consumers de-duplicate on the change id); deleting
 * before publishing would lose the change, so the order is fixed.
 */
public final class OutboxRelay {

  private static final int SWEEP_BATCH = 200;
  /** Firestore's limit on the writes of one commit. */
  private static final int MAX_WRITES_PER_COMMIT = 500;
  /** At most this many relays go out together, so a leader under sustained load still returns soon. */
  private static final int MAX_RELAYS_TOGETHER = 32;

  private final DocumentStore store;
  private final EventPublisher publisher;
  private final Clock clock;
  private final GroupCommit<List<Outbox.Record>> together = new GroupCommit<>(MAX_RELAYS_TOGETHER, this::publishAndDelete);

  public OutboxRelay(DocumentStore store, EventPublisher publisher, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Publishes the records' changes and removes their outbox documents. Throws if a publish fails.
   * Relays that arrive while another is under way go out together, as one publish and one delete
   * commit ({@link GroupCommit}): under concurrency an instance pays a few round trips, not one per request.
   * The changes of one table relayed together share messages ({@link ChangeMessages#encodeAll}).
   */
  public void relay(List<Outbox.Record> records) {
    if (records.stream().allMatch(record -> record.changes().isEmpty())) {
      return;
    }
    together.submit(records);
  }

  private void publishAndDelete(List<List<Outbox.Record>> relays) {
    List<Outbox.Record> records = relays.stream().flatMap(List::stream).toList();
    publisher.publishAll(ChangeMessages.TOPIC, ChangeMessages.encodeAll(
        records.stream().flatMap(record -> record.changes().stream()).toList(),
        records.stream().flatMap(record -> record.rowTexts().stream()).toList()));
    List<Write> deletes = new ArrayList<>();
    for (Outbox.Record record : records) {
      deletes.add(Write.delete(record.path(), Optional.empty()));
      if (deletes.size() == MAX_WRITES_PER_COMMIT) {
        store.commit(List.copyOf(deletes));
        deletes.clear();
      }
    }
    if (!deletes.isEmpty()) {
      store.commit(deletes);
    }
  }

  /**
   * What a sweep did: how many records it relayed and the age of the oldest one (zero when none) —
   * the fact the outbox-age log-based metric and its alert read.
   */
  public record Sweep(int relayed, Duration oldestAge) {}

  /**
   * Relays every outbox document older than {@code grace} — the ones whose request died between
   * its commit and its own relay. The grace keeps the sweep from racing requests still relaying.
   */
  public Sweep sweep(Duration grace) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(grace);
    int relayed = 0;
    Duration oldestAge = Duration.ZERO;
    while (true) {
      List<StoredDocument> oldest = store.query(Query.all(Outbox.COLLECTION, SWEEP_BATCH).orderBy("created_at"));
      List<Outbox.Record> due = oldest.stream()
          .filter(document -> !document.instant("created_at").isAfter(cutoff))
          .map(Outbox::read)
          .toList();
      if (relayed == 0 && !due.isEmpty()) {
        // Ordered by created_at: the first record of the first batch is the oldest.
        oldestAge = Duration.between(oldest.get(0).instant("created_at"), now);
      }
      relay(due);
      relayed += due.stream().mapToInt(record -> record.changes().size()).sum();
      if (due.size() < SWEEP_BATCH) {
        return new Sweep(relayed, oldestAge);
      }
    }
  }
}
