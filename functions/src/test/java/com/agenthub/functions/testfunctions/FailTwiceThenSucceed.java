package com.agenthub.functions.testfunctions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;

/** Throws on the first two deliveries of each message, succeeds on the third. */
public class FailTwiceThenSucceed implements CloudEventsFunction {
  @Override
  public void accept(CloudEvent event) {
    int delivery = ReceivedEvents.record(getClass().getSimpleName(), event);
    if (delivery <= 2) {
      throw new IllegalStateException("failing delivery " + delivery + " on purpose");
    }
  }
}
