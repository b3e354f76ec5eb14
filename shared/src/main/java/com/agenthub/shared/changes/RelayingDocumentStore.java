package com.agenthub.shared.changes;

import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
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
 * {@link OutboxRelay#sweep} publishes them later: the request itself never fails for it.
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
  public List<Version> commit(List<Write> writes) {
    List<Version> versions = store.commit(writes);
    relayAfterCommit(writes);
    return versions;
  }

  @Override
  public List<StoredDocument> query(Query query) {
    return store.query(query);
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    List<Write> committed = new ArrayList<>();
    T result = store.inTransaction(transaction -> {
      committed.clear(); // the work may run again; only the last, committed attempt counts
      return work.run(new Transaction() {
        @Override
        public Optional<StoredDocument> get(DocumentPath path) {
          return transaction.get(path);
        }

        @Override
        public void write(Write write) {
          committed.add(write);
          transaction.write(write);
        }
      });
    });
    relayAfterCommit(committed);
    return result;
  }

  private void relayAfterCommit(List<Write> writes) {
    List<Change> changes = new ArrayList<>();
    for (Write write : writes) {
      if (write instanceof Write.Create create && Outbox.isOutbox(create.path())) {
        changes.add(Outbox.read(create));
      }
    }
    try {
      relay.relay(changes);
    } catch (RuntimeException e) {
      StructuredLog.warning("outbox relay deferred to the sweep: " + e.getMessage(),
          Map.of("change_ids", changes.stream().map(Change::changeId).toList()));
    }
  }
}
