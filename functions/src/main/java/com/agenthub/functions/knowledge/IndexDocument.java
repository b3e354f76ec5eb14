package com.agenthub.functions.knowledge;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.knowledge.DocumentIndexer;
import com.agenthub.shared.knowledge.IndexRequests;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.messages.UndecodableMessageException;
import java.time.Duration;
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
    DocumentIndexer.Outcome outcome = services.knowledge().indexer()
        .index(request.organizationId(), request.documentId(), request.generation(), BUDGET);
    if (outcome == DocumentIndexer.Outcome.CONTINUE) {
      services.knowledge().documents().continueIndexing(request);
    }
  }
}
