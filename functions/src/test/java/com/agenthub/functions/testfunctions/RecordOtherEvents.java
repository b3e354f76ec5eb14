package com.agenthub.functions.testfunctions;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;

/** Succeeds on every event (records it); consumes a different topic from {@link RecordEvents}. */
public class RecordOtherEvents implements CloudEventsFunction {
  @Override
  public void accept(CloudEvent event) {
    ReceivedEvents.record(getClass().getSimpleName(), event);
  }
}
