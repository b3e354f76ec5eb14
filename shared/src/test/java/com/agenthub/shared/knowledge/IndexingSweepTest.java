package com.agenthub.shared.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The sweep of documents stuck in indexing because their index request was lost: re-published
 * once the bound has passed (and the document then ends ready), left alone before it, failed with
 * a reason after the last attempt, and records of documents that moved on cleared.
 */
class IndexingSweepTest {

  private static final String ORG = "org1";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  /** Where CreateDocument's requests go: never delivered here, as if their publish had been lost. */
  private final InMemoryEventPublisher lost = new InMemoryEventPublisher();
  /** Where the sweep publishes. */
  private final InMemoryEventPublisher swept = new InMemoryEventPublisher();
  private final Embeddings embeddings = new Embeddings(store, new Embedder() {
    @Override
    public Model model() {
      return new Model("fixed", 2);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(text -> new float[] {text.length(), 1}).toList();
    }
  }, clock);
  private final DocumentIndexer indexer = new DocumentIndexer(store, embeddings, new Chunker(String::length, 8), clock);
  private final Documents documents = new Documents(store, lost, indexer, clock);
  private final IndexingSweep sweep = new IndexingSweep(store, swept, clock);

  private String create(String title) {
    return documents.create(ORG, new NewDocument(title, "Parcels leave the warehouse within two days.", null, List.of(), Map.of(), 0,
        Optional.empty())).id();
  }

  private List<IndexRequests.IndexRequest> republished() throws UndecodableMessageException {
    List<IndexRequests.IndexRequest> requests = new java.util.ArrayList<>();
    for (EventPublisher.Message message : swept.published(IndexRequests.TOPIC)) {
      requests.add(IndexRequests.decode(message.data()));
    }
    return requests;
  }

  private String status(String id) {
    return documents.get(ORG, id, false).status();
  }

  @Test
  void aDocumentWhosePublishWasLostEndsReadyAfterOneSweepAndAFreshOneIsLeftAlone() throws Exception {
    String stuck = create("Delivery");
    clock.advance(IndexingSweep.STUCK_AFTER.plusMinutes(1));
    String fresh = create("Returns");

    assertEquals(new IndexingSweep.Report(1, 0, 0), sweep.sweep(IndexingSweep.STUCK_AFTER));
    List<IndexRequests.IndexRequest> requests = republished();
    assertEquals(List.of(new IndexRequests.IndexRequest(ORG, stuck, 1)), requests);
    IndexRequests.IndexRequest request = requests.get(0);
    assertEquals(DocumentIndexer.Outcome.DONE,
        indexer.index(request.organizationId(), request.documentId(), request.generation(), Duration.ofMinutes(1)));

    assertEquals(KnowledgeDocument.READY, status(stuck));
    assertEquals(KnowledgeDocument.INDEXING, status(fresh), "within the bound: its request may still be on its way");
    assertTrue(store.get(PendingIndexing.path(ORG, stuck)).isEmpty(), "ready: nothing owed any more");
    assertTrue(store.get(PendingIndexing.path(ORG, fresh)).isPresent());
    assertEquals(new IndexingSweep.Report(0, 0, 0), sweep.sweep(IndexingSweep.STUCK_AFTER), "nothing else is due");
  }

  @Test
  void aDocumentStillIndexingAfterTheLastAttemptIsMarkedFailedWithTheReason() {
    String stuck = create("Delivery");
    for (int attempt = 1; attempt <= IndexingSweep.MAX_ATTEMPTS; attempt++) {
      clock.advance(IndexingSweep.STUCK_AFTER.plusSeconds(1));
      assertEquals(new IndexingSweep.Report(0, 0, 0), sweep.sweep(IndexingSweep.STUCK_AFTER.plusMinutes(1)),
          "a re-published request gets the whole bound again");
      clock.advance(Duration.ofMinutes(1));
      assertEquals(new IndexingSweep.Report(1, 0, 0), sweep.sweep(IndexingSweep.STUCK_AFTER.plusMinutes(1)), "attempt " + attempt);
    }
    clock.advance(IndexingSweep.STUCK_AFTER.plusMinutes(2));
    assertEquals(new IndexingSweep.Report(0, 1, 0), sweep.sweep(IndexingSweep.STUCK_AFTER.plusMinutes(1)));

    KnowledgeDocument failed = documents.get(ORG, stuck, false);
    assertEquals(KnowledgeDocument.FAILED, failed.status());
    assertTrue(failed.statusReason().orElseThrow().contains("published again 3 times"), failed.statusReason().toString());
    assertEquals(IndexingSweep.MAX_ATTEMPTS, swept.published(IndexRequests.TOPIC).size());
    assertTrue(store.get(PendingIndexing.path(ORG, stuck)).isEmpty());
  }

  @Test
  void aRecordOfADocumentThatMovedOnIsClearedWithoutPublishing() {
    String id = create("Delivery");
    assertEquals(DocumentIndexer.Outcome.DONE, indexer.index(ORG, id, 1, Duration.ofMinutes(1)));
    // As if the final commit of an older version had not removed it.
    store.commit(List.of(PendingIndexing.started(ORG, id, 1, clock.instant())));
    clock.advance(IndexingSweep.STUCK_AFTER.plusMinutes(1));

    assertEquals(new IndexingSweep.Report(0, 0, 1), sweep.sweep(IndexingSweep.STUCK_AFTER));
    assertEquals(List.of(), swept.published(IndexRequests.TOPIC));
    assertTrue(store.get(PendingIndexing.path(ORG, id)).isEmpty());
  }

  @Test
  void aDeleteWhosePurgeRequestWasLostIsPublishedAgainAndFinishes() throws Exception {
    String id = create("Delivery");
    indexer.index(ORG, id, 1, Duration.ofMinutes(1));
    // A purge that ran out of time at once: DeleteDocument answers 202 and asks IndexDocument, whose request is lost.
    assertTrue(!documents.delete(ORG, id, Optional.empty(), Duration.ofNanos(-1)));
    clock.advance(IndexingSweep.STUCK_AFTER.plusMinutes(1));

    assertEquals(new IndexingSweep.Report(1, 0, 0), sweep.sweep(IndexingSweep.STUCK_AFTER));
    IndexRequests.IndexRequest request = republished().get(0);
    indexer.index(request.organizationId(), request.documentId(), request.generation(), Duration.ofMinutes(1));
    assertTrue(store.get(KnowledgePaths.documents(ORG).document(id)).isEmpty(), "purged");
    assertTrue(store.get(PendingIndexing.path(ORG, id)).isEmpty());
    store.commit(List.of(Write.set(PendingIndexing.path(ORG, "unrelated"), Map.of("organization_id", ORG, "document_id", "gone",
        "generation", 1L, "since", clock.instant().minus(Duration.ofHours(2)), "attempts", 0L))));
    assertEquals(new IndexingSweep.Report(0, 0, 1), sweep.sweep(IndexingSweep.STUCK_AFTER), "a record of a missing document is cleared");
  }
}
