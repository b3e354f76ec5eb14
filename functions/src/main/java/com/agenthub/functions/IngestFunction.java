package com.agenthub.functions;

import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.ingestion.MessageDecoder;
import com.agenthub.shared.ingestion.MessageIngestion;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import java.util.Map;

/**
 * A Pub/Sub-triggered function that writes its topic's messages to the warehouse. Returning
 * acknowledges the message; throwing (the warehouse or Firestore failed) makes Pub/Sub retry it,
 * up to the dead-letter topic. A message that can never be read is kept and acknowledged.
 */
public abstract class IngestFunction implements CloudEventsFunction {

  private final String name;
  private final MessageIngestion ingestion;
  private final MessageDecoder decoder;

  protected IngestFunction(String name, MessageIngestion ingestion, MessageDecoder decoder) {
    this.name = name;
    this.ingestion = ingestion;
    this.decoder = decoder;
  }

  @Override
  public final void accept(CloudEvent event) {
    IncomingMessage message;
    MessageDecoder reader = decoder;
    try {
      message = PubSubEnvelope.read(name, event);
    } catch (UndecodableMessageException envelopeProblem) {
      message = new IncomingMessage(name, event.getId(), PubSubEnvelope.raw(event), Map.of());
      reader = data -> {
        throw envelopeProblem;
      };
    }
    try {
      ingestion.ingest(message, reader);
    } catch (RuntimeException e) {
      StructuredLog.error(name + " failed; Pub/Sub will retry the message: " + e.getMessage(),
          Map.of("consumer", name, "message_id", message.messageId()), e);
      throw e;
    }
  }
}
