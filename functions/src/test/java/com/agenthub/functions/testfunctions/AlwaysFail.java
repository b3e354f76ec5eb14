package com.agenthub.functions.testfunctions;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.shared.ingestion.IncomingMessage;

/** Throws on every delivery: its messages must end in the dead-letter topic. */
public class AlwaysFail extends PubSubPushFunction {

  public AlwaysFail() {
    super("AlwaysFail");
  }

  @Override
  protected void receive(IncomingMessage message) {
    Deliveries.record(getClass().getSimpleName(), message);
    throw new IllegalStateException("always failing on purpose");
  }
}
