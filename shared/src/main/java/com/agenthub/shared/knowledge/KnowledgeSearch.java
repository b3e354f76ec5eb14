package com.agenthub.shared.knowledge;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.embeddings.EmbeddedText;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Vector;
import com.agenthub.shared.warehouse.KnowledgeSearchRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SearchKnowledge: an organization's chunks ranked by meaning (findNearest over the chunks'
 * embeddings, pre-filtered by model, category and tags, or per document), by words (BM25 over the
 * {@link TermIndex}), or both fused with Reciprocal Rank Fusion (k = 60, Cormack et al. 2009).
 * Every search leaves one knowledge_searches event (through the outbox).
 */
public final class KnowledgeSearch {

  /** BM25's parameters: Anserini's defaults for BEIR (k1 = 0.9, b = 0.4), not tuned on any test set. */
  static final double K1 = 0.9;
  static final double B = 0.4;
  /** RRF's constant, as published. */
  static final int RRF_K = 60;
  /** How deep each list of a hybrid search goes before fusion. */
  static final int FUSION_DEPTH = 100;
  /** Query terms kept (the rarest first would need their statistics first; a query this long is a document). */
  static final int MAX_QUERY_TERMS = 32;

  private final DocumentStore store;
  private final Embeddings embeddings;
  private final Clock clock;
  private final boolean recordQueryText;

  public KnowledgeSearch(DocumentStore store, Embeddings embeddings, Clock clock, boolean recordQueryText) {
    this.store = store;
    this.embeddings = embeddings;
    this.clock = clock;
    this.recordQueryText = recordQueryText;
  }

  /** One ranked candidate: a chunk, with what each mode said about it. */
  private static final class Candidate {
    final String chunkId;
    StoredDocument chunk;
    Double distance;
    Double bm25;
    double fused;

    Candidate(String chunkId) {
      this.chunkId = chunkId;
    }
  }

  public SearchResult search(String organizationId, SearchRequest request) {
    long started = System.nanoTime();
    SearchResult result = run(organizationId, request, request.topK());
    double latencyMs = (System.nanoTime() - started) / 1e6;
    record(organizationId, request, result.hits().size(), latencyMs, result.queryEmbeddingCacheHit());
    return new SearchResult(result.mode(), result.hits(), result.queryEmbeddingCacheHit(), latencyMs);
  }

  /** The search without its event, to any depth up to {@link NearestQuery#MAX_LIMIT} (benchmarks read 100 hits). */
  public SearchResult run(String organizationId, SearchRequest request, int limit) {
    boolean[] cacheHit = {false};
    List<Candidate> ranked = switch (request.mode()) {
      case VECTOR -> vector(organizationId, request, limit, cacheHit);
      case KEYWORD -> keyword(organizationId, request, limit);
      case HYBRID -> fuse(vector(organizationId, request, Math.max(limit, FUSION_DEPTH), cacheHit),
          keyword(organizationId, request, Math.max(limit, FUSION_DEPTH)), limit);
    };
    return new SearchResult(request.mode(), hits(organizationId, request.mode(), ranked, limit), cacheHit[0], 0);
  }

  private List<Candidate> vector(String organizationId, SearchRequest request, int limit, boolean[] cacheHit) {
    EmbeddedText embedded = embeddings.embed(organizationId, List.of(request.query()), Embedder.Purpose.QUERY).get(0);
    cacheHit[0] = embedded.cacheHit();
    Vector target = new Vector(embedded.vector());
    NearestQuery base = NearestQuery.cosine(KnowledgePaths.chunks(organizationId), "embedding", target,
        Math.min(limit, NearestQuery.MAX_LIMIT)).where("embedding_model", embeddings.model().id());
    if (request.category().isPresent()) {
      base = base.where("category", request.category().get());
    }
    // Any of the tags, before the ranking: a rare tag's chunks are found however far they are.
    if (!request.tags().isEmpty()) {
      base = base.whereArrayContainsAny("tags", request.tags());
    }
    List<NearestQuery.Nearest> found = new ArrayList<>();
    if (request.documentIds().isEmpty()) {
      found.addAll(store.findNearest(base));
    } else {
      for (String documentId : request.documentIds()) {
        found.addAll(store.findNearest(base.where("document_id", documentId)));
      }
      found.sort(Comparator.comparingDouble(NearestQuery.Nearest::distance));
    }
    List<Candidate> ranked = new ArrayList<>();
    for (NearestQuery.Nearest nearest : found) {
      if (ranked.size() == limit) {
        break;
      }
      Candidate candidate = new Candidate(nearest.document().id());
      candidate.chunk = nearest.document();
      candidate.distance = nearest.distance();
      ranked.add(candidate);
    }
    return ranked;
  }

  private List<Candidate> keyword(String organizationId, SearchRequest request, int limit) {
    List<String> terms = KeywordAnalyzer.analyze(request.query()).frequencies().keySet().stream().limit(MAX_QUERY_TERMS).toList();
    if (terms.isEmpty()) {
      return List.of();
    }
    List<DocumentPath> paths = new ArrayList<>();
    paths.add(KnowledgePaths.corpus(organizationId));
    terms.forEach(term -> paths.addAll(TermIndex.shards(organizationId, term)));
    List<Optional<StoredDocument>> read = store.getAll(paths);
    StoredDocument corpus = read.get(0).orElse(null);
    long chunkCount = corpus == null ? 0 : corpus.longValue("chunk_count");
    long tokenCount = corpus == null ? 0 : corpus.longValue("token_count");
    if (chunkCount <= 0) {
      return List.of();
    }
    double averageLength = Math.max(1.0, (double) tokenCount / chunkCount);
    Map<String, Double> scores = new HashMap<>();
    for (int t = 0; t < terms.size(); t++) {
      List<Map<String, Object>> shards = new ArrayList<>();
      for (int s = 0; s < TermIndex.SHARDS; s++) {
        read.get(1 + t * TermIndex.SHARDS + s).ifPresent(doc -> shards.add(doc.data()));
      }
      TermIndex.Postings postings = TermIndex.postings(terms.get(t), shards);
      int df = postings.entries().size();
      if (df == 0) {
        continue;
      }
      // Lucene's BM25 idf: never negative, even for a term in most chunks.
      double idf = Math.log(1 + (chunkCount - df + 0.5) / (df + 0.5));
      postings.entries().forEach((chunkId, entry) -> {
        if (request.documentIds().isEmpty() || request.documentIds().contains(KnowledgePaths.documentOf(chunkId))) {
          double tf = entry[0];
          double norm = tf + K1 * (1 - B + B * entry[1] / averageLength);
          scores.merge(chunkId, idf * tf * (K1 + 1) / norm, Double::sum);
        }
      });
    }
    List<Map.Entry<String, Double>> best = new ArrayList<>(scores.entrySet());
    best.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<Candidate> ranked = new ArrayList<>();
    // Category and tags live on the chunks: read the best ones page by page until enough pass
    // (every scored chunk if need be, so a rare tag is never cut off by a depth, as in vector mode).
    for (int from = 0; from < best.size() && ranked.size() < limit; from += 100) {
      List<Map.Entry<String, Double>> page = best.subList(from, Math.min(best.size(), from + 100));
      List<Optional<StoredDocument>> chunks = store.getAll(
          page.stream().map(e -> KnowledgePaths.chunks(organizationId).document(e.getKey())).toList());
      for (int i = 0; i < page.size() && ranked.size() < limit; i++) {
        Optional<StoredDocument> chunk = chunks.get(i);
        if (chunk.isPresent() && request.category().map(c -> c.equals(chunk.get().string("category"))).orElse(true)
            && hasTag(chunk.get(), request.tags())) {
          Candidate candidate = new Candidate(page.get(i).getKey());
          candidate.chunk = chunk.get();
          candidate.bm25 = page.get(i).getValue();
          ranked.add(candidate);
        }
      }
    }
    return ranked;
  }

  /** Reciprocal Rank Fusion: each list adds 1 / (k + rank) for the chunks it ranks. */
  private static List<Candidate> fuse(List<Candidate> byVector, List<Candidate> byKeyword, int limit) {
    Map<String, Candidate> fused = new LinkedHashMap<>();
    for (List<Candidate> list : List.of(byVector, byKeyword)) {
      for (int rank = 0; rank < list.size(); rank++) {
        Candidate found = list.get(rank);
        Candidate candidate = fused.computeIfAbsent(found.chunkId, Candidate::new);
        candidate.chunk = found.chunk;
        candidate.distance = found.distance != null ? found.distance : candidate.distance;
        candidate.bm25 = found.bm25 != null ? found.bm25 : candidate.bm25;
        candidate.fused += 1.0 / (RRF_K + rank + 1);
      }
    }
    List<Candidate> ranked = new ArrayList<>(fused.values());
    ranked.sort(Comparator.comparingDouble((Candidate c) -> -c.fused).thenComparing(c -> c.chunkId));
    return ranked.subList(0, Math.min(limit, ranked.size()));
  }

  private List<SearchHit> hits(String organizationId, SearchMode mode, List<Candidate> ranked, int limit) {
    List<String> documentIds = ranked.stream().map(c -> c.chunk.string("document_id")).distinct().toList();
    Map<String, StoredDocument> documents = new HashMap<>();
    List<Optional<StoredDocument>> read = store.getAll(
        documentIds.stream().map(id -> KnowledgePaths.documents(organizationId).document(id)).toList());
    for (int i = 0; i < documentIds.size(); i++) {
      read.get(i).ifPresent(doc -> documents.put(doc.id(), doc));
    }
    List<SearchHit> hits = new ArrayList<>();
    for (Candidate candidate : ranked) {
      StoredDocument document = documents.get(candidate.chunk.string("document_id"));
      // A document being deleted is gone for searches, though its chunks may linger a moment.
      if (document == null || KnowledgeDocument.DELETING.equals(document.string("status")) || hits.size() == limit) {
        continue;
      }
      List<SearchMode> foundBy = new ArrayList<>();
      if (candidate.distance != null) {
        foundBy.add(SearchMode.VECTOR);
      }
      if (candidate.bm25 != null) {
        foundBy.add(SearchMode.KEYWORD);
      }
      double score = switch (mode) {
        case VECTOR -> 1 - candidate.distance;
        case KEYWORD -> candidate.bm25;
        case HYBRID -> candidate.fused;
      };
      StoredDocument chunk = candidate.chunk;
      hits.add(new SearchHit(candidate.chunkId, document.id(), document.string("title"), (int) chunk.longValue("position"),
          (int) chunk.longValue("start"), (int) chunk.longValue("end"), chunk.string("text"), score, foundBy,
          Optional.ofNullable(candidate.distance), Optional.ofNullable(candidate.bm25)));
    }
    return hits;
  }

  /** Any of the tags, as the vector pre-filter's array-contains-any. */
  @SuppressWarnings("unchecked")
  private static boolean hasTag(StoredDocument chunk, List<String> tags) {
    if (tags.isEmpty()) {
      return true;
    }
    List<String> chunkTags = (List<String>) chunk.data().getOrDefault("tags", List.of());
    return tags.stream().anyMatch(chunkTags::contains);
  }

  private void record(String organizationId, SearchRequest request, int hitCount, double latencyMs, boolean cacheHit) {
    java.time.Instant now = Timestamps.now(clock);
    KnowledgeSearchRow row = new KnowledgeSearchRow(Ids.newId(), now, organizationId, request.mode().wire(), request.topK(),
        hitCount, latencyMs, cacheHit, KeywordAnalyzer.analyze(request.query()).frequencies().size(), request.query().length(),
        recordQueryText ? Optional.of(request.query()) : Optional.empty(), request.category(), request.tags().size(),
        request.documentIds().size());
    store.commit(List.of(Outbox.record(Change.of(row), now)));
  }
}
