package com.agenthub.shared.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.embeddings.MiniLmTokenCounter;
import com.agenthub.shared.adapter.embeddings.VertexAiEmbedder;
import com.agenthub.shared.adapter.embeddings.VertexPredictStandIn;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.embeddings.EmbeddedText;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Indexing with the Vertex AI adapter (the real SDK against the local predict stand-in): a model
 * failure mid-document leaves the document failed with the model's answer as the reason, and the
 * retry an update starts resumes, embedding only the chunks the failed run had not written.
 */
class VertexIndexingTest {

  private static final String ORG = "org1";
  private static final int DIMENSIONS = 8;

  private final VertexPredictStandIn vertex = new VertexPredictStandIn();
  private final VertexAiEmbedder model = vertex.embedder("text-embedding-005", DIMENSIONS, 1);
  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final Clock clock = Clock.systemUTC();
  private final Embeddings embeddings = new Embeddings(store, model, clock);
  private final DocumentIndexer indexer = new DocumentIndexer(store, embeddings, new Chunker(new MiniLmTokenCounter(), 32), clock);
  private final Documents documents = new Documents(store, publisher, indexer, clock);
  private int delivered;

  @AfterEach
  void stop() {
    vertex.close();
  }

  /** Delivers the index requests published since the last call, as IndexDocument would. */
  private void deliver() throws UndecodableMessageException {
    List<EventPublisher.Message> published = publisher.published(IndexRequests.TOPIC);
    while (delivered < published.size()) {
      IndexRequests.IndexRequest request = IndexRequests.decode(published.get(delivered++).data());
      assertEquals(DocumentIndexer.Outcome.DONE,
          indexer.index(request.organizationId(), request.documentId(), request.generation(), Duration.ofMinutes(1)));
      published = publisher.published(IndexRequests.TOPIC);
    }
  }

  /** Enough paragraphs for more than one embedding batch of chunks. */
  private static String handbook() {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < 90; p++) {
      for (int s = 0; s < 5; s++) {
        text.append("Rule ").append(p).append('.').append(s).append(" says employees file expense reports for trip ")
            .append(p * 10 + s).append(" within a week of coming back. ");
      }
      text.append("\n\n");
    }
    return text.toString();
  }

  private List<StoredDocument> chunksOf(String documentId) {
    return store.query(Query.all(KnowledgePaths.chunks(ORG), 1000).where("document_id", documentId));
  }

  @Test
  void aQuotaErrorMidDocumentFailsItWithTheReasonAndARetryResumesWhereItStopped() throws Exception {
    vertex.answerRequestWith(1, 429, "error-429.json");
    KnowledgeDocument created = documents.create(ORG, new NewDocument("Handbook", handbook(), null, List.of(), Map.of(), 0,
        Optional.empty()));
    deliver();

    KnowledgeDocument failed = documents.get(ORG, created.id(), false);
    assertEquals(KnowledgeDocument.FAILED, failed.status());
    assertTrue(failed.statusReason().orElseThrow().contains("429 RESOURCE_EXHAUSTED"), failed.statusReason().toString());
    assertEquals(2, vertex.requests().size(), "the first batch embedded, the second refused");
    int writtenBeforeFailure = chunksOf(created.id()).size();
    assertEquals(DocumentIndexer.BATCH, writtenBeforeFailure, "the first batch's chunks stay");

    vertex.reset();
    documents.update(ORG, created.id(), new DocumentChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Map.of("retry", true)), 20, Optional.empty()), Optional.empty());
    deliver();

    KnowledgeDocument ready = documents.get(ORG, created.id(), false);
    assertEquals(KnowledgeDocument.READY, ready.status());
    List<StoredDocument> chunks = chunksOf(created.id());
    assertTrue(chunks.size() > DocumentIndexer.BATCH, "more than one batch: " + chunks.size());
    assertEquals(chunks.size(), ready.chunkCount());
    int embeddedOnRetry = vertex.requests().stream().mapToInt(r -> r.contents().size()).sum();
    assertEquals(chunks.size() - writtenBeforeFailure, embeddedOnRetry, "only the chunks the failed run had not written");
    assertTrue(chunks.stream().allMatch(c -> "text-embedding-005@8".equals(c.string("embedding_model"))));
    assertTrue(vertex.requests().stream().allMatch(r -> r.taskTypes().stream().allMatch("RETRIEVAL_DOCUMENT"::equals)));
  }

  @Test
  void aQueryAndAPassageOfTheSameTextAreCachedApart() {
    EmbeddedText passage = embeddings.embed(ORG, List.of("refund policy")).get(0);
    EmbeddedText query = embeddings.embed(ORG, List.of("refund policy"), Embedder.Purpose.QUERY).get(0);
    EmbeddedText queryAgain = embeddings.embed(ORG, List.of("refund  policy "), Embedder.Purpose.QUERY).get(0);

    assertFalse(passage.cacheHit());
    assertFalse(query.cacheHit(), "a passage's vector never answers for a query");
    assertTrue(queryAgain.cacheHit());
    assertEquals(List.of(List.of("RETRIEVAL_DOCUMENT"), List.of("RETRIEVAL_QUERY")),
        vertex.requests().stream().map(VertexPredictStandIn.Request::taskTypes).toList());
  }
}
