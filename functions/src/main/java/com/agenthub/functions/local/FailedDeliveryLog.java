package com.agenthub.functions.local;

import com.agenthub.shared.json.Json;
import com.google.gson.JsonObject;
import java.util.Optional;

/** One structured JSON line on stdout per failed delivery, in the shape Cloud Logging parses. */
final class FailedDeliveryLog {

  private FailedDeliveryLog() {}

  /** {@code status} is the HTTP status, or what happened instead ("timeout", "connection_failed"). */
  static void write(String function, String subscription, String messageId, Optional<Integer> attempt,
      String status, int maxAttempts) {
    boolean last = attempt.map(a -> a >= maxAttempts).orElse(false);
    JsonObject line = new JsonObject();
    line.addProperty("severity", last ? "ERROR" : "WARNING");
    line.addProperty("message", "delivery to " + function + " failed (" + status + "), message " + messageId
        + attempt.map(a -> ", attempt " + a + " of " + maxAttempts).orElse("")
        + (last ? "; dead-lettered" : "; will be redelivered"));
    line.addProperty("function", function);
    line.addProperty("subscription", subscription);
    line.addProperty("message_id", messageId);
    attempt.ifPresent(a -> line.addProperty("attempt", a));
    line.addProperty("max_delivery_attempts", maxAttempts);
    line.addProperty("status", status);
    System.out.println(Json.GSON.toJson(line));
  }
}
