package com.agenthub.functions;

import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.ingestion.MessageDecoder;
import com.agenthub.shared.ingestion.MessageIngestion;
import com.agenthub.shared.messages.UndecodableMessageException;

/**
 * A topic-triggered function that writes its topic's messages to the warehouse, once each.
 * Returning acknowledges the message; throwing (the warehouse or Firestore failed) makes Pub/Sub
 * retry it, up to the dead-letter topic. A message that can never be read — or a push body that
 * is not a readable envelope — is kept whole in rejected_messages and acknowledged.
 */
public abstract class IngestFunction extends PubSubPushFunction {

  private final MessageIngestion ingestion;
  private final MessageDecoder decoder;

  protected IngestFunction(String name, MessageIngestion ingestion, MessageDecoder decoder) {
    super(name);
    this.ingestion = ingestion;
    this.decoder = decoder;
  }

  @Override
  protected final void receive(IncomingMessage message) {
    ingestion.ingest(message, decoder);
  }

  @Override
  protected final void receiveUnreadable(IncomingMessage whole, UndecodableMessageException problem) {
    ingestion.ingest(whole, data -> {
      throw problem;
    });
  }
}
