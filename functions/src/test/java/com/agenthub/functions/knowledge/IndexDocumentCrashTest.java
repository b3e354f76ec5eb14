package com.agenthub.functions.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.PushEnvelopes;
import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.agenthub.shared.adapter.embeddings.MiniLmTokenCounter;
import com.agenthub.shared.adapter.firestore.FirestoreDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.knowledge.Chunker;
import com.agenthub.shared.knowledge.DocumentIndexer;
import com.agenthub.shared.knowledge.Documents;
import com.agenthub.shared.knowledge.IndexRequests;
import com.agenthub.shared.knowledge.KnowledgeDocument;
import com.agenthub.shared.knowledge.NewDocument;
import com.agenthub.shared.local.LocalPorts;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.testing.Emulators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * IndexDocument killed with SIGKILL mid-document (in its own JVM, no shutdown hook), then the same
 * message delivered again, as Pub/Sub redelivers an unacknowledged push: the document ends ready
 * with every chunk exactly once, its text where its offsets say, and the corpus counted once.
 */
class IndexDocumentCrashTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aConsumerKilledMidDocumentResumesOnRedeliveryAndEndsReadyWithEveryChunkOnce() throws Exception {
    LocalStackFixture.configure();
    DocumentStore store = new FirestoreDocumentStore(Emulators.firestore());
    Clock clock = Clock.systemUTC();
    String org = Ids.newId();
    InMemoryEventPublisher requests = new InMemoryEventPublisher();
    DocumentIndexer unused = new DocumentIndexer(store, new Embeddings(store, new MiniLmEmbedder(), clock),
        new Chunker(new MiniLmTokenCounter(), 32), clock);
    StringBuilder content = new StringBuilder();
    for (int i = 0; content.length() < 200_000; i++) {
      content.append("Station ").append(i).append(" recorded ").append(i * 7 % 113).append(" millimetres of rain in week ")
          .append(i % 52).append(". ").append(i % 9 == 8 ? "\n\n" : "");
    }
    KnowledgeDocument created = new Documents(store, requests, unused, clock).create(org,
        new NewDocument("Rainfall log", content.toString(), null, List.of(), Map.of(), 0, Optional.empty()));
    byte[] envelope = PushEnvelopes.of("index-1", requests.published(IndexRequests.TOPIC).get(0).data(), Map.of(), Optional.empty());

    int port = LocalPorts.free();
    Process consumer = DevServerProcess.start(port, Map.of());
    CompletableFuture<HttpResponse<String>> delivery = HTTP.sendAsync(push("http://127.0.0.1:" + port, envelope),
        HttpResponse.BodyHandlers.ofString());
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
    while (chunks(store, org, created.id()).size() < 64 && Instant.now().isBefore(giveUp)) {
      Thread.sleep(50);
    }
    consumer.destroyForcibly(); // SIGKILL mid-document
    assertTrue(consumer.waitFor(10, TimeUnit.SECONDS));
    assertEquals(137, consumer.exitValue(), "killed by SIGKILL");
    assertTrue(delivery.handle((r, e) -> e != null || r.statusCode() != 204).get(), "the killed delivery was never acknowledged");
    int before = chunks(store, org, created.id()).size();
    assertTrue(before >= 64, "killed after some batches were committed: " + before);
    StoredDocument midway = store.get(CollectionPath.of("organizations", org, "knowledge_documents").document(created.id()))
        .orElseThrow();
    assertEquals("indexing", midway.string("status"), "killed before the end");

    // Pub/Sub redelivers the unacknowledged message: here to the stack's own IndexDocument.
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    StoredDocument document = midway;
    while (!"ready".equals(document.string("status")) && Instant.now().isBefore(deadline)) {
      HttpResponse<String> redelivered = HTTP.send(push(LocalStackFixture.baseUrl(), envelope), HttpResponse.BodyHandlers.ofString());
      assertEquals(204, redelivered.statusCode(), redelivered.body());
      document = store.get(midway.path()).orElseThrow();
    }
    assertEquals("ready", document.string("status"));

    List<StoredDocument> chunks = chunks(store, org, created.id());
    assertEquals(document.longValue("chunk_count"), chunks.size());
    Set<Long> positions = new HashSet<>();
    long tokens = 0;
    for (StoredDocument chunk : chunks) {
      assertTrue(positions.add(chunk.longValue("position")), "position " + chunk.longValue("position") + " once");
      assertEquals(content.substring((int) chunk.longValue("start"), (int) chunk.longValue("end")), chunk.string("text"));
      tokens += chunk.longValue("token_count");
    }
    assertEquals(chunks.size() - 1, positions.stream().mapToLong(Long::longValue).max().orElseThrow(), "positions 0..n-1");
    StoredDocument corpus = store.get(CollectionPath.of("organizations", org, "knowledge_stats").document("corpus")).orElseThrow();
    assertEquals(chunks.size(), corpus.longValue("chunk_count"), "the corpus counts every chunk once");
    assertEquals(tokens, corpus.longValue("token_count"));
  }

  private static HttpRequest push(String baseUrl, byte[] envelope) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/IndexDocument")).timeout(Duration.ofMinutes(2))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build();
  }

  private static List<StoredDocument> chunks(DocumentStore store, String org, String documentId) {
    return store.query(Query.all(CollectionPath.of("organizations", org, "knowledge_chunks"), Query.MAX_LIMIT)
        .where("document_id", documentId));
  }
}
