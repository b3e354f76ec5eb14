package com.agenthub.shared.changes;

import com.agenthub.shared.concurrency.BeforeReply;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that relays outbox records as soon as their commit succeeds, for every use case:
 * wrap the store with it and any commit carrying {@link Outbox#record} writes is published right
 * away. If publishing fails (or the instance dies first) the records stay in the outbox and
 * {@link OutboxRelay#sweep} publishes them later: the request itself never fails for it. The
 * records of one commit (or transaction) are stored together ({@link OutboxBatches}).
 */
public final class RelayingDocumentStore implements DocumentStore {

  private final DocumentStore store;
  private final OutboxRelay relay;

  public RelayingDocumentStore(DocumentStore store, OutboxRelay relay) {
    this.store = store;
    this.relay = relay;
  }

  @Override
  public Optional<StoredDocument> get(DocumentPath path) {
    return store.get(path);
  }

  @Override
  public List<Optional<StoredDocument>> getAll(List<DocumentPath> paths) {
    return store.getAll(paths);
  }

  @Override
  public List<StoredDocument> query(Query query) {
    return store.query(query);
  }

  @Override
  public List<NearestQuery.Nearest> findNearest(NearestQuery query) {
    return store.findNearest(query);
  }

  @Override
  public long count(Query query) {
    return store.count(query);
  }

  @Override
  public List<Version> commit(List<Write> writes) {
    OutboxBatches.Batched batched = OutboxBatches.of(writes);
    List<Version> stored = store.commit(batched.writes());
    relayCommitted(batched.writes());
    List<Version> versions = new ArrayList<>(writes.size());
    for (int index : batched.storedIndex()) {
      versions.add(stored.get(index));
    }
    return versions;
  }

  /** The work's outbox records are held back and written, batched, when it ends (its last attempt is the one committed). */
  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    List<Write> committed = new ArrayList<>();
    T result = store.inTransaction(transaction -> {
      committed.clear();
      List<Write> records = new ArrayList<>();
      T answer = work.run(new Transaction() {
        @Override
        public Optional<StoredDocument> get(DocumentPath path) {
          return transaction.get(path);
        }

        @Override
        public List<Optional<StoredDocument>> getAll(List<DocumentPath> paths) {
          return transaction.getAll(paths);
        }

        @Override
        public void write(Write write) {
          if (write instanceof Write.Create create && Outbox.isOutbox(create.path())) {
            records.add(write);
          } else {
            transaction.write(write);
          }
        }
      });
      for (Write record : OutboxBatches.of(records).writes()) {
        committed.add(record);
        transaction.write(record);
      }
      return answer;
    });
    relayCommitted(committed);
    return result;
  }

  /** In a request, alongside its remaining steps (the Idempotency-Key reply, the JSON), done before it replies. */
  private void relayCommitted(List<Write> writes) {
    List<Outbox.Record> records = new ArrayList<>();
    for (Write write : writes) {
      if (write instanceof Write.Create create && Outbox.isOutbox(create.path())) {
        records.add(Outbox.read(create));
      }
    }
    if (records.isEmpty()) {
      return;
    }
    BeforeReply.run(() -> {
      try {
        relay.relay(records);
      } catch (RuntimeException e) {
        StructuredLog.warning("outbox relay deferred to the sweep: " + e.getMessage(), Map.of("change_ids",
            records.stream().flatMap(r -> r.changes().stream()).map(Change::changeId).toList()));
      }
    });
  }
}
