package com.agenthub.shared.knowledge;

import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catches documents whose index request was lost: the publish after the commit failed, or the
 * message went to the dead letters. A document still waiting {@link #STUCK_AFTER} after its
 * generation started (or after the last re-publish) gets its request published again — the
 * indexer resumes from what is committed — and after {@link #MAX_ATTEMPTS} re-publishes it is
 * marked failed with the reason. Records of documents that moved on are cleared.
 */
public final class IndexingSweep {

  /**
   * Longer than Pub/Sub's own redeliveries of a request (5 attempts, backoff 10 s doubling to at
   * most 600 s: about 20 minutes in all, catalog.json's pubsub_delivery) and than indexing a 1 MiB
   * document, so the sweep does not race a request that is still alive.
   */
  public static final Duration STUCK_AFTER = Duration.ofMinutes(30);
  /** Re-published requests before a document still indexing is marked failed. */
  public static final int MAX_ATTEMPTS = 3;
  /** Records looked at per run, longest waiting first; the next run continues. */
  static final int BATCH = 100;

  /** What one run did: requests re-published, documents marked failed, records of finished documents cleared. */
  public record Report(int republished, int failed, int cleared) {}

  private final DocumentStore store;
  private final EventPublisher publisher;
  private final Clock clock;

  public IndexingSweep(DocumentStore store, EventPublisher publisher, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.clock = clock;
  }

  public Report sweep(Duration after) {
    Instant now = Timestamps.now(clock);
    List<StoredDocument> waiting = store.query(Query.all(PendingIndexing.COLLECTION, BATCH)
        .orderBy("since").until(new Query.Bound(now.minus(after), false)));
    int republished = 0;
    int failed = 0;
    int cleared = 0;
    for (StoredDocument pending : waiting) {
      try {
        switch (handle(pending, now)) {
          case REPUBLISHED -> republished++;
          case FAILED -> failed++;
          case CLEARED -> cleared++;
        }
      } catch (StoreException e) {
        if (e.reason() != StoreException.Reason.STALE && e.reason() != StoreException.Reason.NOT_FOUND) {
          throw e;
        }
        // The document or its record moved while we looked: the next run sees where it is.
      }
    }
    if (republished + failed > 0) {
      StructuredLog.warning("knowledge documents whose index request was lost", Map.of("republished", republished,
          "failed", failed, "cleared", cleared));
    }
    return new Report(republished, failed, cleared);
  }

  private enum Action { REPUBLISHED, FAILED, CLEARED }

  private Action handle(StoredDocument pending, Instant now) {
    String org = pending.string("organization_id");
    String documentId = pending.string("document_id");
    long generation = pending.longValue("generation");
    Optional<StoredDocument> document = store.get(KnowledgePaths.documents(org).document(documentId));
    String status = document.map(d -> d.string("status")).orElse("");
    boolean owed = (KnowledgeDocument.INDEXING.equals(status) || KnowledgeDocument.DELETING.equals(status))
        && document.get().longValue("generation") == generation;
    if (!owed) {
      store.commit(List.of(Write.delete(pending.path(), Optional.of(pending.version()))));
      return Action.CLEARED;
    }
    long attempts = pending.longValue("attempts");
    if (KnowledgeDocument.INDEXING.equals(status) && attempts >= MAX_ATTEMPTS) {
      fail(document.get(), pending, attempts, now);
      return Action.FAILED;
    }
    // Published before the record moves on: a failure in between only publishes twice, which the indexer tolerates.
    IndexRequests.publish(publisher, new IndexRequests.IndexRequest(org, documentId, generation));
    store.commit(List.of(Write.update(pending.path(), Map.of("since", now, "attempts", attempts + 1),
        Optional.of(pending.version()))));
    return Action.REPUBLISHED;
  }

  private void fail(StoredDocument document, StoredDocument pending, long attempts, Instant now) {
    String reason = "indexing did not finish: its request was published again " + attempts + " times, "
        + STUCK_AFTER.toMinutes() + " minutes apart; update the document to try again";
    Map<String, Object> fields = Map.of("status", KnowledgeDocument.FAILED, "status_reason", reason, "updated_at", now);
    Map<String, Object> merged = new LinkedHashMap<>(document.data());
    merged.putAll(fields);
    store.commit(List.of(Write.update(document.path(), fields, Optional.of(document.version())),
        DocumentRecords.document(DocumentRecords.FAILED, merged, now),
        Write.delete(pending.path(), Optional.of(pending.version()))));
  }
}
