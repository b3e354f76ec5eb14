package com.agenthub.functions.bench;

import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.agenthub.shared.adapter.embeddings.MiniLmTokenCounter;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.knowledge.Chunker;
import com.agenthub.shared.knowledge.DocumentIndexer;
import com.agenthub.shared.knowledge.Documents;
import com.agenthub.shared.knowledge.KnowledgeSearch;
import com.agenthub.shared.knowledge.NewDocument;
import com.agenthub.shared.knowledge.SearchHit;
import com.agenthub.shared.knowledge.SearchMode;
import com.agenthub.shared.knowledge.SearchRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SciFact retrieval quality with the same use cases (Documents, DocumentIndexer, KnowledgeSearch)
 * over the in-memory store (held to the emulator by DocumentStoreContract) instead of the HTTP
 * stack: what the knowledge benchmark measures when the emulator is too slow to load the corpus
 * in the time there is. Run with the bench classpath: java ... KnowledgeQualityInMemory DIR.
 */
public final class KnowledgeQualityInMemory {

  private KnowledgeQualityInMemory() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/scifact");
    Clock clock = Clock.systemUTC();
    InMemoryDocumentStore store = new InMemoryDocumentStore();
    Embeddings embeddings = new Embeddings(store, new MiniLmEmbedder(), clock);
    DocumentIndexer indexer = new DocumentIndexer(store, embeddings, new Chunker(new MiniLmTokenCounter(), 32), clock);
    Documents documents = new Documents(store, new InMemoryEventPublisher(), indexer, clock);
    KnowledgeSearch search = new KnowledgeSearch(store, embeddings, clock, false);
    String org = "scifact";

    Map<String, String> sourceOf = new ConcurrentHashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("corpus.jsonl"));
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> done = new ArrayList<>();
    for (String line : lines) {
      done.add(pool.submit(() -> {
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        String title = json.get("title").getAsString();
        String text = json.get("text").getAsString();
        String id = documents.create(org, new NewDocument(title.isBlank() ? json.get("_id").getAsString() : title,
            text.isBlank() ? title : text, null, List.of(), Map.of(), 0, Optional.empty())).id();
        indexer.index(org, id, 1, Duration.ofMinutes(5));
        sourceOf.put(id, json.get("_id").getAsString());
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("Indexed %d SciFact documents in memory in %.0f s (%.1f/s) (load %s)%n", lines.size(), seconds,
        lines.size() / seconds, Benchmarks.loadAverage());

    Map<String, String> queries = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      queries.put(json.get("_id").getAsString(), json.get("text").getAsString());
    }
    Map<String, Set<String>> relevant = new HashMap<>();
    List<String> qrels = Files.readAllLines(dir.resolve("qrels.tsv"));
    for (String line : qrels.subList(1, qrels.size())) {
      String[] parts = line.split("\t");
      relevant.computeIfAbsent(parts[0], q -> new HashSet<>()).add(parts[1]);
    }
    queries.keySet().retainAll(relevant.keySet());
    System.out.println("  mode       nDCG@10  Recall@10  Recall@100   published nDCG@10");
    for (SearchMode mode : SearchMode.values()) {
      double ndcg = 0;
      double r10 = 0;
      double r100 = 0;
      for (Map.Entry<String, String> query : queries.entrySet()) {
        List<SearchHit> hits = search.run(org, new SearchRequest(query.getValue(), 10, mode, Optional.empty(), List.of(), List.of()),
            300).hits();
        List<String> ranked = new ArrayList<>(new LinkedHashSet<>(hits.stream().map(h -> sourceOf.get(h.documentId())).toList()));
        Set<String> judged = relevant.get(query.getKey());
        ndcg += KnowledgeBenchmark.ndcg10(ranked, judged);
        r10 += KnowledgeBenchmark.recall(ranked, judged, 10);
        r100 += KnowledgeBenchmark.recall(ranked, judged, 100);
      }
      int n = queries.size();
      System.out.printf("  %-9s  %7.4f  %9.4f  %10.4f%n", mode.wire(), ndcg / n, r10 / n, r100 / n);
      System.out.flush();
    }
    System.exit(0);
  }
}
