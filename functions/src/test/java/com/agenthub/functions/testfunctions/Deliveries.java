package com.agenthub.functions.testfunctions;

import com.agenthub.shared.ingestion.IncomingMessage;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the test functions received, by function, for tests to inspect: the push requests as the
 * wire probes saw them ({@link RecordEvents}), and the messages the push functions were handed.
 */
public final class Deliveries {

  /** One push request as received: method, headers (names in lower case) and the JSON body. */
  public record Request(String method, Map<String, List<String>> headers, JsonObject body) {
    public String messageId() {
      return body.getAsJsonObject("message").get("messageId").getAsString();
    }
  }

  private static final Map<String, List<Request>> REQUESTS = new ConcurrentHashMap<>();
  private static final Map<String, List<IncomingMessage>> MESSAGES = new ConcurrentHashMap<>();

  private Deliveries() {}

  static void record(String function, Request request) {
    REQUESTS.computeIfAbsent(function, f -> new CopyOnWriteArrayList<>()).add(request);
  }

  /** Records the message and returns how many times its id has now reached {@code function}. */
  static int record(String function, IncomingMessage message) {
    List<IncomingMessage> messages = MESSAGES.computeIfAbsent(function, f -> new CopyOnWriteArrayList<>());
    messages.add(message);
    return messages(function, message.messageId()).size();
  }

  /** The push requests carrying message {@code messageId} that reached {@code function}, in arrival order. */
  public static List<Request> requests(String function, String messageId) {
    return REQUESTS.getOrDefault(function, List.of()).stream().filter(r -> r.messageId().equals(messageId)).toList();
  }

  /** The deliveries of message {@code messageId} to push function {@code function}, in arrival order. */
  public static List<IncomingMessage> messages(String function, String messageId) {
    return MESSAGES.getOrDefault(function, List.of()).stream().filter(m -> m.messageId().equals(messageId)).toList();
  }
}
