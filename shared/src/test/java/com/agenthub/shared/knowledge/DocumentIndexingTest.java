package com.agenthub.shared.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.embeddings.MiniLmTokenCounter;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Indexing over the in-memory store (held to the emulator by its contract suite), with a model
 * stand-in that counts what it embeds: only changed chunks are embedded again, a delete leaves no
 * chunk and no posting, a run killed between commits resumes and ends with every chunk once.
 */
class DocumentIndexingTest {

  private static final String ORG = "org1";
  private final InMemoryDocumentStore memory = new InMemoryDocumentStore();
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final CountingEmbedder model = new CountingEmbedder();
  private final Clock clock = Clock.systemUTC();

  /** A model stand-in: counts the texts it embeds; a vector from the text's hash. */
  private static final class CountingEmbedder implements Embedder {
    final List<String> embedded = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Model model() {
      return new Model("counting", 4);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      embedded.addAll(texts);
      return texts.stream().map(text -> {
        byte[] hash = Sha256.hex(text).getBytes();
        return new float[] {hash[0], hash[1], hash[2], 1f};
      }).toList();
    }
  }

  private Documents documents(DocumentStore store) {
    return new Documents(store, publisher, indexer(store), clock);
  }

  private DocumentIndexer indexer(DocumentStore store) {
    Embeddings embeddings = new Embeddings(store, model, clock);
    return new DocumentIndexer(store, embeddings, new Chunker(new MiniLmTokenCounter(), 32), clock);
  }

  /** Delivers every index request published so far (and the continuations they publish). */
  private void deliver(DocumentStore store) {
    int delivered = 0;
    while (delivered < publisher.published(IndexRequests.TOPIC).size()) {
      EventPublisher.Message message = publisher.published(IndexRequests.TOPIC).get(delivered++);
      IndexRequests.IndexRequest request = decode(message);
      if (indexer(store).index(request.organizationId(), request.documentId(), request.generation(), Duration.ofMinutes(1))
          == DocumentIndexer.Outcome.CONTINUE) {
        documents(store).continueIndexing(request);
      }
    }
  }

  private static IndexRequests.IndexRequest decode(EventPublisher.Message message) {
    try {
      return IndexRequests.decode(message.data());
    } catch (com.agenthub.shared.messages.UndecodableMessageException e) {
      throw new AssertionError(e);
    }
  }

  /** ~20 paragraphs of distinct sentences: several chunks. */
  private static String longText(String variant) {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < 20; p++) {
      text.append("Section ").append(p).append(" of the handbook. ");
      for (int s = 0; s < 5; s++) {
        text.append("Rule ").append(p).append('.').append(s).append(" says employees ").append(variant.isEmpty() || p != 7 ? "file" : variant)
            .append(" expense reports for travel number ").append(p * 10 + s).append(" within a week. ");
      }
      text.append("\n\n");
    }
    return text.toString();
  }

  private KnowledgeDocument create(DocumentStore store, String content) {
    return documents(store).create(ORG, new NewDocument("Employee handbook", content, null, List.of("hr"), Map.of(), 0,
        Optional.empty()));
  }

  private List<StoredDocument> chunksOf(String documentId) {
    return memory.query(Query.all(KnowledgePaths.chunks(ORG), 1000).where("document_id", documentId));
  }

  /** Every posting entry of the organization, as "term-shard-document id|chunk id". */
  @SuppressWarnings("unchecked")
  private Set<String> postings() {
    Set<String> entries = new HashSet<>();
    for (StoredDocument shard : memory.query(Query.all(KnowledgePaths.terms(ORG), 1000))) {
      ((Map<String, Object>) shard.data().getOrDefault(TermIndex.POSTINGS, Map.of())).keySet()
          .forEach(chunkId -> entries.add(shard.id() + "|" + chunkId));
    }
    return entries;
  }

  private Map<String, Object> corpus() {
    return memory.get(KnowledgePaths.corpus(ORG)).map(StoredDocument::data).orElse(Map.of());
  }

  @Test
  void aDocumentIsChunkedEmbeddedIndexedAndReady() {
    KnowledgeDocument created = create(memory, longText(""));
    assertEquals(KnowledgeDocument.INDEXING, created.status());
    deliver(memory);

    KnowledgeDocument ready = documents(memory).get(ORG, created.id(), true);
    assertEquals(KnowledgeDocument.READY, ready.status());
    List<StoredDocument> chunks = chunksOf(created.id());
    assertTrue(chunks.size() >= 4, "several chunks: " + chunks.size());
    assertEquals(chunks.size(), ready.chunkCount());
    assertEquals(chunks.size(), model.embedded.size(), "each chunk embedded once");
    long tokens = chunks.stream().mapToLong(c -> c.longValue("token_count")).sum();
    assertEquals(Map.of("chunk_count", (long) chunks.size(), "token_count", tokens), corpus());
    for (StoredDocument chunk : chunks) {
      String text = chunk.string("text");
      assertEquals(ready.content().orElseThrow().substring((int) chunk.longValue("start"), (int) chunk.longValue("end")), text);
    }
  }

  @Test
  void anUpdateReEmbedsOnlyTheChunksWhoseTextChangedAndAMetadataChangeNone() {
    KnowledgeDocument created = create(memory, longText(""));
    deliver(memory);
    int chunks = chunksOf(created.id()).size();
    model.embedded.clear();

    documents(memory).update(ORG, created.id(), new DocumentChanges(Optional.empty(), Optional.of(longText("submit")),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty()), Optional.empty());
    deliver(memory);

    assertEquals(KnowledgeDocument.READY, documents(memory).get(ORG, created.id(), false).status());
    assertTrue(model.embedded.size() >= 1 && model.embedded.size() <= 2,
        "one paragraph changed: its chunk (and at most the one overlapping it) embedded again, not all " + chunks + ": "
            + model.embedded.size());
    assertTrue(model.embedded.stream().allMatch(text -> text.contains("submit")));
    assertEquals(chunks, chunksOf(created.id()).size());
    assertEquals(tokensOf(created.id()), corpus().get("token_count"), "the corpus counts the changed chunk's new length");

    model.embedded.clear();
    documents(memory).update(ORG, created.id(), new DocumentChanges(Optional.empty(), Optional.empty(), Optional.of("policies"),
        Optional.empty(), Optional.empty(), 0, Optional.empty()), Optional.empty());
    deliver(memory);
    assertEquals(List.of(), model.embedded, "a new category re-labels chunks without a model call");
    assertTrue(chunksOf(created.id()).stream().allMatch(c -> "policies".equals(c.string("category"))));
  }

  @Test
  void aShorterVersionDropsTheChunksPastItsEndWithTheirPostings() {
    KnowledgeDocument created = create(memory, longText(""));
    deliver(memory);
    documents(memory).update(ORG, created.id(), new DocumentChanges(Optional.empty(), Optional.of("Only one short rule now."),
        Optional.empty(), Optional.empty(), Optional.empty(), 0, Optional.empty()), Optional.empty());
    deliver(memory);

    assertEquals(1, chunksOf(created.id()).size());
    assertTrue(postings().stream().allMatch(entry -> entry.endsWith("|" + created.id() + "-0")), "only chunk 0 is posted");
    assertEquals(1L, corpus().get("chunk_count"));
    assertEquals(tokensOf(created.id()), corpus().get("token_count"), "the dropped chunks' tokens are uncounted");
  }

  private long tokensOf(String documentId) {
    return chunksOf(documentId).stream().mapToLong(c -> c.longValue("token_count")).sum();
  }

  @Test
  void aDeleteLeavesNoChunkNoPostingNoContentAndUncountsTheCorpus() {
    KnowledgeDocument kept = create(memory, "Travel is booked through the portal.");
    KnowledgeDocument gone = create(memory, longText(""));
    deliver(memory);
    assertTrue(postings().stream().anyMatch(entry -> entry.contains("|" + gone.id() + "-")));

    assertTrue(documents(memory).delete(ORG, gone.id(), Optional.empty(), Duration.ofMinutes(1)));

    assertEquals(List.of(), chunksOf(gone.id()));
    assertTrue(postings().stream().noneMatch(entry -> entry.contains("|" + gone.id() + "-")), "no posting of it left");
    assertTrue(memory.get(KnowledgePaths.contentPart(ORG, gone.id(), 0)).isEmpty());
    assertTrue(memory.get(KnowledgePaths.documents(ORG).document(gone.id())).isEmpty());
    assertEquals(1L, corpus().get("chunk_count"), "only the kept document's chunk is counted");
    assertEquals(1, chunksOf(kept.id()).size());
  }

  @Test
  void aRunKilledBetweenCommitsResumesAndEndsReadyWithEveryChunkOnce() {
    AtomicInteger commits = new AtomicInteger();
    // Dies right after its 5th commit (the first batch's cache, postings and chunks, then the second's cache and
    // postings): the instance is gone before it can go on or acknowledge, the commit itself stands.
    DocumentStore dying = new com.agenthub.shared.changes.AfterCommitDocumentStore(memory, writes -> {
      if (commits.incrementAndGet() == 5) {
        throw new StoreException(StoreException.Reason.UNAVAILABLE, "killed", null);
      }
    });
    KnowledgeDocument created = create(memory, longText("") + longText("again") + longText("also") + longText("still"));
    IndexRequests.IndexRequest request = decode(publisher.published(IndexRequests.TOPIC).get(0));
    assertThrows(StoreException.class, () -> indexer(dying).index(ORG, created.id(), request.generation(), Duration.ofMinutes(1)));
    assertEquals(KnowledgeDocument.INDEXING, documents(memory).get(ORG, created.id(), false).status());
    int committedBefore = chunksOf(created.id()).size();
    assertTrue(committedBefore > 0, "some batches were committed before the kill");

    deliver(memory); // the redelivery
    KnowledgeDocument ready = documents(memory).get(ORG, created.id(), false);
    assertEquals(KnowledgeDocument.READY, ready.status());
    List<StoredDocument> chunks = chunksOf(created.id());
    assertEquals(ready.chunkCount(), chunks.size());
    assertEquals(chunks.size(), chunks.stream().map(c -> c.longValue("position")).distinct().count(), "every position once");
    long distinctTexts = chunks.stream().map(c -> c.string("content_hash")).distinct().count();
    assertEquals(distinctTexts, new HashSet<>(model.embedded).size(), "every distinct chunk text embedded");
    assertEquals(distinctTexts, model.embedded.size(), "and none twice: the resumed run skipped or reused what was committed");
    long tokens = chunks.stream().mapToLong(c -> c.longValue("token_count")).sum();
    assertEquals(Map.of("chunk_count", (long) chunks.size(), "token_count", tokens), corpus(), "counted once");
  }

  @Test
  void searchFindsByWordsAndByVectorOnlyTheOrganizationsOwnChunks() {
    KnowledgeDocument travel = create(memory, "Travel is booked through the company portal. Flights need approval.");
    documents(memory).create("org2", new NewDocument("Other", "Travel is booked through the company portal.", null, List.of(),
        Map.of(), 0, Optional.empty()));
    deliver(memory);
    KnowledgeSearch search = new KnowledgeSearch(memory, new Embeddings(memory, model, clock), clock, false);
    for (SearchMode mode : SearchMode.values()) {
      SearchResult result = search.search(ORG, new SearchRequest("booking flights", 10, mode, Optional.empty(), List.of(), List.of()));
      assertEquals(List.of(travel.id()), result.hits().stream().map(SearchHit::documentId).distinct().toList(), mode.wire());
    }
    SearchResult none = search.search(ORG, new SearchRequest("booking flights", 10, SearchMode.KEYWORD, Optional.of("other"),
        List.of(), List.of()));
    assertEquals(List.of(), none.hits());
  }

}
