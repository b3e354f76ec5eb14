package com.agenthub.shared.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.firestore.FirestoreDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.testing.Emulators;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SearchKnowledge's tag filter against the Firestore emulator, documents indexed by the real
 * indexer: tags are a pre-filter of findNearest (any of them), so a rare tag's chunks are found
 * with top_k hits however many untagged chunks lie nearer — more than a findNearest can return.
 */
class TagFilteredSearchTest {

  private final DocumentStore store = new FirestoreDocumentStore(Emulators.firestore());
  private final Clock clock = Clock.systemUTC();
  private final String org = "tags-" + Ids.newId();
  private final Embeddings embeddings = new Embeddings(store, new ZebraFarEmbedder(), clock);
  private final DocumentIndexer indexer = new DocumentIndexer(store, embeddings, new Chunker(String::length, 8), clock);
  private final Documents documents = new Documents(store, new InMemoryEventPublisher(), indexer, clock);
  private final KnowledgeSearch search = new KnowledgeSearch(store, embeddings, clock, false);

  /**
   * A model stand-in: every text is near the query (cosine distance ~0) unless it mentions a
   * zebra, which puts it orthogonal to every other text (cosine distance exactly 1).
   */
  private static final class ZebraFarEmbedder implements Embedder {
    @Override
    public Model model() {
      return new Model("zebra-far", 3);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(text -> text.toLowerCase().contains("zebra")
          ? new float[] {0f, 1f, 0f}
          : new float[] {1f, 0f, (Math.floorMod(text.hashCode(), 1000)) / 100_000f}).toList();
    }
  }

  @Test
  void aRareTagsFarChunksAreFoundWithTopKHitsBehindMoreNearerChunksThanFindNearestReturns() {
    String nearer = indexed("Lion habitat notes", paragraphs("Lions share the habitat of the savanna", 1_100), "wildlife",
        List.of("common"));
    String rare = indexed("Zebra habitat notes", paragraphs("A zebra habitat is grassland", 8), "wildlife", List.of("rare"));
    int nearerChunks = store.query(Query.all(KnowledgePaths.chunks(org), Query.MAX_LIMIT).where("document_id", nearer)).size();
    assertTrue(nearerChunks > NearestQuery.MAX_LIMIT, "more nearer chunks than one findNearest returns: " + nearerChunks);
    assertTrue(chunkCount(rare) >= 5, "the rare document has top_k chunks");

    for (SearchMode mode : SearchMode.values()) {
      SearchResult result = search.search(org, request("lion habitat", 5, mode, Optional.empty(), List.of("rare"), List.of()));
      assertEquals(5, result.hits().size(), mode.wire());
      assertEquals(Set.of(rare), documentsOf(result), mode.wire());
    }
    SearchResult vector = search.search(org, request("lion habitat", 5, SearchMode.VECTOR, Optional.empty(), List.of("rare"),
        List.of()));
    vector.hits().forEach(hit -> assertEquals(1.0, hit.vectorDistance().orElseThrow(), 1e-6, "distance is returned"));
    // Without the filter, the nearer chunks win: the filter is what finds the rare ones.
    assertEquals(Set.of(nearer), documentsOf(search.search(org, request("lion habitat", 5, SearchMode.VECTOR, Optional.empty(),
        List.of(), List.of()))));
  }

  @Test
  void severalTagsMatchAnyOfThemEachChunkOnceInEveryMode() {
    String alpha = indexed("Alpha", "Expense reports are filed monthly.", "finance", List.of("alpha"));
    String beta = indexed("Beta", "Expense reports need a receipt.", "finance", List.of("beta"));
    indexed("Gamma", "Expense reports are audited yearly.", "finance", List.of("gamma"));
    String both = indexed("Alpha and beta", "Expense reports go to the manager.", "finance", List.of("alpha", "beta"));

    for (SearchMode mode : SearchMode.values()) {
      SearchResult result = search.search(org, request("expense reports", 50, mode, Optional.empty(), List.of("alpha", "beta"),
          List.of()));
      assertEquals(Set.of(alpha, beta, both), documentsOf(result), mode.wire());
      List<String> chunkIds = result.hits().stream().map(SearchHit::chunkId).toList();
      assertEquals(chunkIds.size(), new HashSet<>(chunkIds).size(), "a chunk with both tags is one hit: " + chunkIds);
    }
    SearchResult vector = search.search(org, request("expense reports", 50, SearchMode.VECTOR, Optional.empty(),
        List.of("alpha", "beta"), List.of()));
    List<Double> distances = vector.hits().stream().map(hit -> hit.vectorDistance().orElseThrow()).toList();
    assertEquals(distances.stream().sorted().toList(), distances, "nearest first");
  }

  @Test
  void tagsCategoryAndDocumentIdsFilterTogether() {
    String wanted = indexed("Leave", "Leave requests are approved by the manager.", "hr", List.of("alpha"));
    String otherCategory = indexed("Laptops", "Laptop requests are approved by the manager.", "it", List.of("alpha"));
    String notListed = indexed("Travel", "Travel requests are approved by the manager.", "hr", List.of("alpha"));
    String otherTag = indexed("Training", "Training requests are approved by the manager.", "hr", List.of("beta"));

    for (SearchMode mode : SearchMode.values()) {
      SearchResult result = search.search(org, request("requests approved", 10, mode, Optional.of("hr"), List.of("alpha"),
          List.of(wanted, otherCategory, otherTag)));
      assertEquals(Set.of(wanted), documentsOf(result), mode.wire());
      // Each filter alone lets more through: the three together are what leave one.
      assertEquals(Set.of(wanted, notListed, otherTag), documentsOf(search.search(org,
          request("requests approved", 10, mode, Optional.of("hr"), List.of(), List.of()))), mode.wire());
      assertEquals(Set.of(wanted, otherCategory, notListed), documentsOf(search.search(org,
          request("requests approved", 10, mode, Optional.empty(), List.of("alpha"), List.of()))), mode.wire());
    }
  }

  @Test
  void moreTagsThanOneFilterTakesAreRefusedNamingTheField() {
    List<String> tags = IntStream.rangeClosed(1, SearchRequest.MAX_TAG_FILTERS + 1).mapToObj(i -> "tag-" + i).toList();
    ApiError refused = assertThrows(ApiError.class, () -> request("q", 10, SearchMode.HYBRID, Optional.empty(), tags, List.of()));
    assertEquals(Optional.of("filters.tags"), refused.field());
    assertEquals(SearchRequest.MAX_TAG_FILTERS, request("q", 10, SearchMode.HYBRID, Optional.empty(), tags.subList(0,
        SearchRequest.MAX_TAG_FILTERS), List.of()).tags().size());
    assertTrue(SearchRequest.MAX_TAG_FILTERS <= NearestQuery.MAX_ANY_VALUES, "one array-contains-any takes every tag");
  }

  private static SearchRequest request(String query, int topK, SearchMode mode, Optional<String> category, List<String> tags,
      List<String> documentIds) {
    return new SearchRequest(query, topK, mode, category, tags, documentIds);
  }

  /** Creates a document and indexes it to the end, as IndexDocument's deliveries would. */
  private String indexed(String title, String content, String category, List<String> tags) {
    KnowledgeDocument document = documents.create(org, new NewDocument(title, content, category, tags, Map.of(), 0,
        Optional.empty()));
    while (indexer.index(org, document.id(), 1, Duration.ofMinutes(5)) == DocumentIndexer.Outcome.CONTINUE) {
      // Each delivery commits its progress; the next one resumes from it.
    }
    assertEquals(KnowledgeDocument.READY, store.get(KnowledgePaths.documents(org).document(document.id())).orElseThrow()
        .string("status"));
    return document.id();
  }

  private int chunkCount(String documentId) {
    return store.query(Query.all(KnowledgePaths.chunks(org), Query.MAX_LIMIT).where("document_id", documentId)).size();
  }

  /** {@code count} paragraphs of about 200 characters: one chunk each with a character-counting chunker. */
  private static String paragraphs(String sentence, int count) {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < count; p++) {
      text.append(sentence).append(", paragraph ").append(p).append(". ")
          .append("It is recorded by the field team with the date, the weather, the observers and the count of animals seen. ")
          .append("\n\n");
    }
    return text.toString();
  }

  private static Set<String> documentsOf(SearchResult result) {
    Set<String> ids = new HashSet<>();
    result.hits().forEach(hit -> ids.add(hit.documentId()));
    return ids;
  }
}
