package com.agenthub.functions.testfunctions;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.shared.ingestion.IncomingMessage;

/** Throws on the first two deliveries of each message, succeeds on the third. */
public class FailTwiceThenSucceed extends PubSubPushFunction {

  public FailTwiceThenSucceed() {
    super("FailTwiceThenSucceed");
  }

  @Override
  protected void receive(IncomingMessage message) {
    int delivery = Deliveries.record(getClass().getSimpleName(), message);
    if (delivery <= 2) {
      throw new IllegalStateException("failing delivery " + delivery + " on purpose");
    }
  }
}
