package com.agenthub.shared.changes;

import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place that relays outbox records as soon as their commit succeeds, for every use case:
 * wrap the store with it and any commit carrying {@link Outbox#record} writes is published right
 * away. If publishing fails (or the instance dies first) the records stay in the outbox and
 * {@link OutboxRelay#sweep} publishes them later: the request itself never fails for it.
 */
public final class RelayingDocumentStore extends AfterCommitDocumentStore {

  public RelayingDocumentStore(DocumentStore store, OutboxRelay relay) {
    super(store, writes -> relayCommitted(relay, writes));
  }

  private static void relayCommitted(OutboxRelay relay, List<Write> writes) {
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
