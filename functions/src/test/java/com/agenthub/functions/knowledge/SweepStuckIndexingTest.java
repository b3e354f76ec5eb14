package com.agenthub.functions.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.functions.testing.PushEnvelopes;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.http.FakeHttp;
import com.agenthub.shared.knowledge.IndexRequests;
import com.agenthub.shared.knowledge.IndexingSweep;
import com.agenthub.shared.knowledge.KnowledgeDocument;
import com.agenthub.shared.knowledge.NewDocument;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.testing.CapturedStdout;
import com.agenthub.shared.testing.ManualClock;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduled sweep as deployed (SweepStuckIndexing, then IndexDocument, each given a push
 * envelope): a document whose index request's publish failed after its commit ends ready after
 * one sweep, a document that has just started indexing is left alone, and each IndexDocument
 * delivery writes one structured INFO line saying what it did.
 */
class SweepStuckIndexingTest {

  private static final String ORG = "org-sweep";

  @RegisterExtension
  final CapturedStdout logs = new CapturedStdout();

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-28T09:00:00Z"));
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final Services services = Services.over(new Services.Backends(new InMemoryDocumentStore(), publisher,
      new InMemoryWarehouse(), new LengthEmbedder(), Optional.empty(), clock, Duration.ofSeconds(60), Duration.ZERO));

  /** A model stand-in: two dimensions from the text's length. */
  private static final class LengthEmbedder implements Embedder {
    @Override
    public Model model() {
      return new Model("length", 2);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream().map(text -> new float[] {text.length(), 1}).toList();
    }
  }

  private static NewDocument document(String title) {
    return new NewDocument(title, "Parcels leave our warehouse within two days.\n\nThey arrive three to five days later.", null,
        List.of(), Map.of(), 0, Optional.empty());
  }

  private static int push(PubSubPushFunction function, String messageId, byte[] data) {
    FakeHttp.Response response = new FakeHttp.Response();
    function.service(new FakeHttp.Request("POST", Map.of("Content-Type", List.of("application/json")),
        PushEnvelopes.of(messageId, data, Map.of(), Optional.empty())), response);
    return response.status();
  }

  private String status(String id) {
    return services.knowledge().documents().get(ORG, id, false).status();
  }

  @Test
  void aDocumentWhosePublishWasLostEndsReadyAfterOneSweepAndAFreshOneIsLeftAlone() throws Exception {
    publisher.setAvailable(false);
    assertThrows(RuntimeException.class, () -> services.knowledge().documents().create(ORG, document("Delivery")),
        "the commit succeeds, the publish of its index request fails");
    publisher.setAvailable(true);
    String lost = services.knowledge().documents().list(ORG, Optional.empty(), Optional.empty(), Optional.of("indexing"),
        new PageRequest(10, Optional.empty())).items().get(0).id();
    clock.advance(IndexingSweep.STUCK_AFTER.plusMinutes(1));
    String fresh = services.knowledge().documents().create(ORG, document("Returns")).id();
    int before = publisher.published(IndexRequests.TOPIC).size();

    assertEquals(204, push(new SweepStuckIndexing(services), "tick-1", "{}".getBytes(StandardCharsets.UTF_8)));

    List<EventPublisher.Message> republished = publisher.published(IndexRequests.TOPIC).subList(before,
        publisher.published(IndexRequests.TOPIC).size());
    assertEquals(1, republished.size(), "only the stuck document's request");
    assertEquals(new IndexRequests.IndexRequest(ORG, lost, 1), IndexRequests.decode(republished.get(0).data()));
    assertEquals(204, push(new IndexDocument(services), "index-1", republished.get(0).data()));
    assertEquals(KnowledgeDocument.READY, status(lost));
    assertEquals(KnowledgeDocument.INDEXING, status(fresh), "its request is still on its way: not the sweep's business");

    List<JsonObject> deliveries = logs.text().lines().filter(line -> line.startsWith("{"))
        .map(line -> JsonParser.parseString(line).getAsJsonObject())
        .filter(line -> "IndexDocument delivery".equals(line.get("message").getAsString())).toList();
    assertEquals(1, deliveries.size(), logs.text());
    JsonObject line = deliveries.get(0);
    assertEquals("INFO", line.get("severity").getAsString());
    assertEquals(lost, line.get("document_id").getAsString());
    assertEquals(ORG, line.get("organization_id").getAsString());
    assertEquals("done", line.get("outcome").getAsString());
    int chunks = (int) services.knowledge().documents().get(ORG, lost, false).chunkCount();
    assertTrue(chunks >= 1);
    assertEquals(chunks, line.get("chunks_written").getAsInt());
    assertEquals(chunks, line.get("chunks_embedded").getAsInt());
    assertEquals(0, line.get("cache_hits").getAsInt(), "nothing embedded before");
    assertTrue(line.get("elapsed_ms").getAsLong() >= 0);
  }

  @Test
  void aSecondDeliveryOfTheSameTextLogsItsCacheHits() throws Exception {
    String first = services.knowledge().documents().create(ORG, document("Delivery")).id();
    String copy = services.knowledge().documents().create(ORG, document("Delivery")).id();
    List<EventPublisher.Message> requests = publisher.published(IndexRequests.TOPIC);
    assertEquals(204, push(new IndexDocument(services), "index-1", requests.get(0).data()));
    assertEquals(204, push(new IndexDocument(services), "index-2", requests.get(1).data()));

    List<JsonObject> deliveries = logs.text().lines().filter(line -> line.contains("\"IndexDocument delivery\""))
        .map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
    assertEquals(List.of(first, copy), deliveries.stream().map(d -> d.get("document_id").getAsString()).toList());
    assertEquals(deliveries.get(1).get("chunks_embedded").getAsInt(), deliveries.get(1).get("cache_hits").getAsInt(),
        "the same title and text: every vector from the cache");
    assertTrue(deliveries.get(1).get("cache_hits").getAsInt() >= 1);
  }
}
