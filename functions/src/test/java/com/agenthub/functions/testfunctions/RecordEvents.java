package com.agenthub.functions.testfunctions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;

/** Succeeds on every event (records it). */
public class RecordEvents implements CloudEventsFunction {
  @Override
  public void accept(CloudEvent event) {
    ReceivedEvents.record(getClass().getSimpleName(), event);
  }
}
