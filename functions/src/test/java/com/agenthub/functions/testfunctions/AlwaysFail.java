package com.agenthub.functions.testfunctions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;

/** Throws on every delivery: its messages must end in the dead-letter topic. */
public class AlwaysFail implements CloudEventsFunction {
  @Override
  public void accept(CloudEvent event) {
    ReceivedEvents.record(getClass().getSimpleName(), event);
    throw new IllegalStateException("always failing on purpose");
  }
}
