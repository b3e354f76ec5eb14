package com.agenthub.functions.knowledge;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.knowledge.DocumentIndexer;
import com.agenthub.shared.knowledge.IndexRequests;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.messages.UndecodableMessageException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Consumes knowledge-indexing: indexes (or purges) the document a message names. Work is cut
 * into deliveries of at most {@link #BUDGET}, well within the subscription's 60 s acknowledgement
 * deadline: a delivery that runs out commits its progress and publishes a continuation. A failure
 * of the store answers 500, so Pub/Sub redelivers and the next delivery resumes where the
 * committed batches end; a document that cannot be indexed is marked failed with the reason.
 */
public final class IndexDocument extends PubSubPushFunction {

  static final Duration BUDGET = Duration.ofSeconds(30);

  private final Services services;

  public IndexDocument() {
    this(Services.production());
  }

  public IndexDocument(Services services) {
    super("IndexDocument");
    this.services = services;
  }

  @Override
  protected void receive(IncomingMessage message) {
    IndexRequests.IndexRequest request;
    try {
      request = IndexRequests.decode(message.data());
    } catch (UndecodableMessageException e) {
      StructuredLog.error("IndexDocument acknowledged a message it cannot read: " + e.getMessage(),
          Map.of("consumer", "IndexDocument", "message_id", message.messageId()), null);
      return;
    }
    long started = System.nanoTime();
    DocumentIndexer.Delivery delivery = services.knowledge().indexer()
        .deliver(request.organizationId(), request.documentId(), request.generation(), BUDGET);
    if (delivery.outcome() == DocumentIndexer.Outcome.CONTINUE) {
      services.knowledge().documents().continueIndexing(request);
    }
    StructuredLog.info("IndexDocument delivery", deliveryFields(request, delivery, (System.nanoTime() - started) / 1_000_000));
  }

  /** One line per delivery: which document, what it cost the model and the cache, and how long it took. */
  static Map<String, Object> deliveryFields(IndexRequests.IndexRequest request, DocumentIndexer.Delivery delivery, long elapsedMs) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("consumer", "IndexDocument");
    fields.put("organization_id", request.organizationId());
    fields.put("document_id", request.documentId());
    fields.put("generation", request.generation());
    fields.put("outcome", delivery.outcome().name().toLowerCase(Locale.ROOT));
    fields.put("chunks_written", delivery.chunksWritten());
    fields.put("chunks_embedded", delivery.chunksEmbedded());
    fields.put("cache_hits", delivery.cacheHits());
    fields.put("vectors_reused", delivery.vectorsReused());
    fields.put("elapsed_ms", elapsedMs);
    return fields;
  }
}
