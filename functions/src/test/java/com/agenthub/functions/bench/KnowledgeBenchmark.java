package com.agenthub.functions.bench;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.local.TopicDelivery;
import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.adapter.firestore.FirestoreDocumentStore;
import com.agenthub.shared.changes.ChangeMessages;
import com.agenthub.shared.knowledge.IndexRequests;
import com.agenthub.shared.knowledge.SearchHit;
import com.agenthub.shared.knowledge.SearchMode;
import com.agenthub.shared.knowledge.SearchRequest;
import com.agenthub.shared.local.Emulator;
import com.agenthub.shared.local.RunningEmulator;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Vector;
import com.agenthub.shared.testing.Emulators;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Knowledge search, measured. Retrieval quality on BEIR SciFact (5,183 abstracts loaded through
 * CreateDocument, indexed by IndexDocument through Pub/Sub; 300 queries): nDCG@10, Recall@10 and
 * Recall@100 per mode next to the published BM25 and all-MiniLM-L6-v2 figures. Latency:
 * SearchKnowledge over HTTP, p50/p99 per mode, at ~1k chunks (a first organization of 700
 * abstracts) and at the whole corpus, next to a raw findNearest against the same emulator;
 * EmbedTexts texts/s without and with cache hits; documents indexed per second. Nothing tuned on
 * the queries: BM25 k1/b are Anserini's BEIR defaults, RRF k = 60, chunks of 254 tokens.
 * Run: {@code tools/bench knowledge}; -Dbench.scifact=DIR (default ../shared/datasets/scifact or
 * /work/shared/datasets/scifact), -Dbench.knowledgeLatencyQueries=100.
 */
public final class KnowledgeBenchmark {

  private final PrintStream report;
  private final int latencyQueries;

  public KnowledgeBenchmark(PrintStream report, int latencyQueries) {
    this.report = report;
    this.latencyQueries = latencyQueries;
  }

  public static void main(String[] args) throws Exception {
    new KnowledgeBenchmark(System.out, Integer.getInteger("bench.knowledgeLatencyQueries", 100)).run();
  }

  private record Doc(String id, String title, String text) {}

  private record Query(String id, String text) {}

  public void run() throws Exception {
    Path dir = dataset();
    List<Doc> corpus = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("corpus.jsonl"))) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      corpus.add(new Doc(json.get("_id").getAsString(), json.get("title").getAsString(), json.get("text").getAsString()));
    }
    List<Query> queries = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
      JsonObject json = JsonParser.parseString(line).getAsJsonObject();
      queries.add(new Query(json.get("_id").getAsString(), json.get("text").getAsString()));
    }
    Map<String, Set<String>> relevant = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("qrels.tsv")).subList(1, Files.readAllLines(dir.resolve("qrels.tsv")).size())) {
      String[] parts = line.split("\t");
      relevant.computeIfAbsent(parts[0], q -> new HashSet<>()).add(parts[1]);
    }
    queries.removeIf(q -> !relevant.containsKey(q.id()));

    try (RunningEmulator firestore = RunningEmulator.start(Emulator.FIRESTORE, System.getProperty("bench.knowledgeHeap", "8g"))) {
      SharedEmulatorSettings.apply(firestore.hostPort());
      SharedEmulatorSettings.createTopics(ChangeMessages.TOPIC, IndexRequests.TOPIC);
      FunctionCatalog catalog = FunctionCatalog.load();
      // Only IndexDocument's topic is delivered: the change stream to BigQuery is the pipeline benchmark's subject.
      FunctionCatalog indexing = new FunctionCatalog(catalog.functions().stream().filter(f -> f.name().equals("IndexDocument")).toList(),
          catalog.pubsubDelivery());
      try (LocalDevServer server = LocalDevServer.start(catalog, 0);
          TopicDelivery delivery = TopicDelivery.start(indexing, Emulators.pubsub(), server.baseUrl())) {
        report.printf("%nKnowledge: SciFact %d documents, %d queries with judgments; Firestore emulator %s (load %s)%n",
            corpus.size(), queries.size(), firestore.hostPort(), Benchmarks.loadAverage());
        ApiClient small = organization(server.baseUrl(), "Bench small");
        ApiClient full = organization(server.baseUrl(), "Bench SciFact");

        FirestoreDocumentStore raw = new FirestoreDocumentStore(FirestoreOptions.newBuilder().setProjectId(Emulators.PROJECT_ID)
            .setEmulatorHost(firestore.hostPort()).build().getService());
        load(small, raw, corpus.subList(0, 700), "~1k chunks");
        Map<String, String> ids = load(full, raw, corpus, "SciFact");
        Map<String, String> sourceOf = new HashMap<>();
        ids.forEach((source, id) -> sourceOf.put(id, source));

        String fullOrg = orgOf(full);
        report.println("Retrieval quality (BEIR SciFact test, 300 queries, documents ranked by their best chunk):");
        report.println("  mode       nDCG@10  Recall@10  Recall@100   published nDCG@10");
        for (SearchMode mode : SearchMode.values()) {
          double ndcg = 0;
          double r10 = 0;
          double r100 = 0;
          for (Query query : queries) {
            List<SearchHit> hits = Services.production().knowledge().search().run(fullOrg,
                new SearchRequest(query.text(), 10, mode, Optional.empty(), List.of(), List.of()), 300).hits();
            List<String> ranked = new ArrayList<>(new LinkedHashSet<>(hits.stream().map(h -> sourceOf.get(h.documentId())).toList()));
            Set<String> judged = relevant.get(query.id());
            ndcg += ndcg10(ranked, judged);
            r10 += recall(ranked, judged, 10);
            r100 += recall(ranked, judged, 100);
          }
          String published = switch (mode) {
            case KEYWORD -> "BM25 0.665-0.687 (goal >= 0.66)";
            case VECTOR -> "all-MiniLM-L6-v2 0.645 (goal >= 0.62)";
            case HYBRID -> "(goal >= 0.69)";
          };
          report.printf("  %-9s  %7.4f  %9.4f  %10.4f   %s%n", mode.wire(), ndcg / queries.size(), r10 / queries.size(),
              r100 / queries.size(), published);
        }

        report.println("SearchKnowledge over HTTP, top_k 10, one client (query embeddings cached after the quality pass):");
        for (Map.Entry<String, ApiClient> size : Map.of("~1k chunks", small, "SciFact", full).entrySet()) {
          ApiClient client = size.getValue();
          String org = orgOf(client);
          long chunks = chunkCount(raw, org);
          for (SearchMode mode : SearchMode.values()) {
            long[] nanos = new long[latencyQueries];
            for (int i = 0; i < latencyQueries; i++) {
              JsonObject body = new JsonObject();
              body.addProperty("query", queries.get(i % queries.size()).text());
              body.addProperty("mode", mode.wire());
              long start = System.nanoTime();
              ApiResponse response = client.post("SearchKnowledge", body.toString());
              nanos[i] = System.nanoTime() - start;
              if (response.status() != 200) {
                throw new IllegalStateException("SearchKnowledge answered " + response.status() + ": " + response.body());
              }
            }
            Stats stats = Stats.of(nanos, latencyQueries, 0, 0);
            report.printf("  %-10s %6d chunks  %-8s p50 %7.1f ms  p99 %7.1f ms%n", size.getKey(), chunks, mode.wire(), stats.p50Ms(),
                stats.p99Ms());
          }
          long[] floor = new long[latencyQueries];
          for (int i = 0; i < latencyQueries; i++) {
            float[] vector = Services.production().knowledge().embeddings().embed(org, List.of(queries.get(i % queries.size()).text()))
                .get(0).vector();
            long start = System.nanoTime();
            raw.findNearest(NearestQuery.cosine(CollectionPath.of("organizations", org, "knowledge_chunks"), "embedding",
                new Vector(vector), 10).where("embedding_model", Services.production().knowledge().embeddings().model().id()));
            floor[i] = System.nanoTime() - start;
          }
          Stats stats = Stats.of(floor, latencyQueries, 0, 0);
          report.printf("  %-10s %6d chunks  raw findNearest (the floor) p50 %7.1f ms  p99 %7.1f ms%n", size.getKey(), chunks,
              stats.p50Ms(), stats.p99Ms());
        }
        embedTexts(full, corpus);
      }
    }
  }

  /** Loads documents through CreateDocument (4 clients) and waits until every one is ready: documents indexed per second. */
  private Map<String, String> load(ApiClient client, FirestoreDocumentStore raw, List<Doc> docs, String name) throws Exception {
    Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
    Instant started = Instant.now();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Doc doc : docs) {
        done.add(pool.submit(() -> {
          JsonObject body = new JsonObject();
          body.addProperty("title", doc.title().isBlank() ? doc.id() : doc.title());
          body.addProperty("content", doc.text().isBlank() ? doc.title() : doc.text());
          ApiResponse created = client.post("CreateDocument", body.toString());
          if (created.status() != 202) {
            throw new IllegalStateException("CreateDocument answered " + created.status() + ": " + created.body());
          }
          ids.put(doc.id(), created.json().get("id").getAsString());
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double accepted = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    // Counted on the emulator, not through ListDocuments: the emulator scans for a filtered query, and with
    // thousands of documents a page of it outlasted the client's 30 s timeout.
    CollectionPath documents = CollectionPath.of("organizations", orgOf(client), "knowledge_documents");
    while (countWithStatus(raw, documents, "indexing") > 0) {
      Thread.sleep(2000);
    }
    long failedCount = countWithStatus(raw, documents, "failed");
    double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    report.printf("Loaded %s: %d documents accepted in %.1f s (%.0f/s), all indexed in %.1f s: %.1f documents indexed/s%s%n", name,
        docs.size(), accepted, docs.size() / accepted, seconds, docs.size() / seconds,
        failedCount == 0 ? "" : " (" + failedCount + " FAILED)");
    return ids;
  }

  /** A poll: an emulator busy indexing may not answer within the client's timeout, so it asks again. */
  private static long countWithStatus(FirestoreDocumentStore raw, CollectionPath documents, String status) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return raw.count(com.agenthub.shared.port.Query.all(documents, 1).where("status", status));
      } catch (com.agenthub.shared.port.StoreException e) {
        if (attempt == 10) {
          throw e;
        }
        Thread.sleep(5000);
      }
    }
  }

  private void embedTexts(ApiClient client, List<Doc> corpus) {
    List<String> batches = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      JsonArray texts = new JsonArray();
      for (int i = 0; i < 50; i++) {
        Doc doc = corpus.get((b * 50 + i) % corpus.size());
        texts.add("bench " + b + " " + i + ": " + doc.text().substring(0, Math.min(400, doc.text().length())));
      }
      JsonObject body = new JsonObject();
      body.add("texts", texts);
      batches.add(body.toString());
    }
    for (String pass : List.of("misses (model)", "hits (cache)")) {
      long start = System.nanoTime();
      int hits = 0;
      for (String batch : batches) {
        hits += client.post("EmbedTexts", batch).json().get("cache_hits").getAsInt();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report.printf("EmbedTexts, batches of 50 texts of ~400 characters, %s: %.0f texts/s (%d cache hits of 500)%n", pass,
          500 / seconds, hits);
    }
  }

  static double ndcg10(List<String> ranked, Set<String> relevant) {
    double dcg = 0;
    for (int i = 0; i < Math.min(10, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i))) {
        dcg += 1 / (Math.log(i + 2) / Math.log(2));
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(10, relevant.size()); i++) {
      ideal += 1 / (Math.log(i + 2) / Math.log(2));
    }
    return dcg / ideal;
  }

  static double recall(List<String> ranked, Set<String> relevant, int k) {
    long found = ranked.stream().limit(k).filter(relevant::contains).count();
    return (double) found / relevant.size();
  }

  private static ApiClient organization(String baseUrl, String name) {
    ApiResponse created = new ApiClient(baseUrl, SharedEmulatorSettings.ADMIN_TOKEN).post("CreateOrganization", "{\"name\": \"" + name + "\"}");
    if (created.status() != 201) {
      throw new IllegalStateException("CreateOrganization answered " + created.status() + ": " + created.body());
    }
    ORGS.put(created.json().getAsJsonObject("api_key").get("key").getAsString(),
        created.json().getAsJsonObject("organization").get("id").getAsString());
    return new ApiClient(baseUrl, created.json().getAsJsonObject("api_key").get("key").getAsString());
  }

  private static final Map<String, String> ORGS = new LinkedHashMap<>();

  private static String orgOf(ApiClient client) {
    return ORGS.get(client.bearer());
  }

  private static long chunkCount(FirestoreDocumentStore store, String org) {
    return store.count(com.agenthub.shared.port.Query.all(CollectionPath.of("organizations", org, "knowledge_chunks"), 1));
  }

  static Path dataset() throws IOException {
    for (String candidate : List.of(System.getProperty("bench.scifact", ""), "../shared/datasets/scifact", "/work/shared/datasets/scifact")) {
      if (!candidate.isEmpty() && Files.exists(Path.of(candidate, "corpus.jsonl"))) {
        return Path.of(candidate);
      }
    }
    throw new IOException("SciFact not found: pass -Dbench.scifact=DIR (corpus.jsonl, queries.jsonl, qrels.tsv)");
  }
}
