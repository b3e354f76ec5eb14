package com.agenthub.functions.testfunctions;

import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every CloudEvent the test functions received, by function, for tests to inspect. */
public final class ReceivedEvents {

  private static final Map<String, List<CloudEvent>> BY_FUNCTION = new ConcurrentHashMap<>();

  private ReceivedEvents() {}

  /** Records the delivery and returns how many times this event id has now reached {@code function}. */
  static int record(String function, CloudEvent event) {
    List<CloudEvent> events = BY_FUNCTION.computeIfAbsent(function, f -> new CopyOnWriteArrayList<>());
    events.add(event);
    return (int) events.stream().filter(e -> e.getId().equals(event.getId())).count();
  }

  /** The deliveries of message {@code messageId} to {@code function}, in arrival order. */
  public static List<CloudEvent> of(String function, String messageId) {
    return BY_FUNCTION.getOrDefault(function, List.of()).stream().filter(e -> e.getId().equals(messageId)).toList();
  }
}
