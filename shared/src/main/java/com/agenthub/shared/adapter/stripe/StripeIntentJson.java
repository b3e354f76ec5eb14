package com.agenthub.shared.adapter.stripe;

import com.agenthub.shared.json.Json;
import com.agenthub.shared.payments.PaymentProcessor.ProcessorIntent;
import com.agenthub.shared.payments.PaymentStatus;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Optional;

/** A Stripe payment_intent object (API or webhook JSON) as the processor port's view of it. */
final class StripeIntentJson {

  private StripeIntentJson() {}

  static ProcessorIntent parse(JsonObject object) {
    return new ProcessorIntent(
        object.get("id").getAsString(),
        PaymentStatus.parse("status", object.get("status").getAsString()),
        longOf(object, "amount_capturable"),
        longOf(object, "amount_received"),
        stringOf(object, "client_secret"),
        objectOf(object, "last_payment_error"),
        stringOf(object, "cancellation_reason"));
  }

  private static long longOf(JsonObject object, String field) {
    JsonElement value = object.get(field);
    return value == null || value.isJsonNull() ? 0L : value.getAsLong();
  }

  private static Optional<String> stringOf(JsonObject object, String field) {
    JsonElement value = object.get(field);
    return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(value.getAsString());
  }

  /** Only the parts of an error that say what happened; never anything about the card. */
  private static Optional<Map<String, Object>> objectOf(JsonObject object, String field) {
    JsonElement value = object.get(field);
    if (value == null || !value.isJsonObject()) {
      return Optional.empty();
    }
    JsonObject error = value.getAsJsonObject();
    JsonObject kept = new JsonObject();
    for (String name : new String[] {"type", "code", "decline_code", "message"}) {
      if (error.has(name) && !error.get(name).isJsonNull()) {
        kept.add(name, error.get(name));
      }
    }
    return Optional.of(Json.toPlainMap(kept, field));
  }
}
