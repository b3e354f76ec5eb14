package com.agenthub.shared.adapter.stripe;

import com.agenthub.shared.payments.PaymentProcessor.ProcessorRefund;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Optional;

/** A Stripe refund object (API or webhook JSON) as the processor port's view of it. */
final class StripeRefundJson {

  /** The metadata key carrying our refund id on the refund we ask Stripe to make. */
  static final String REFUND_ID = "agenthub_refund_id";

  private StripeRefundJson() {}

  static ProcessorRefund parse(JsonObject object) {
    JsonElement status = object.get("status");
    String wire = status == null || status.isJsonNull() ? "pending" : status.getAsString().toLowerCase(Locale.ROOT);
    // requires_action (some non-card refunds) is still pending to us; a canceled refund was not made.
    String ours = switch (wire) {
      case "succeeded" -> "succeeded";
      case "failed", "canceled" -> "failed";
      default -> "pending";
    };
    JsonElement metadata = object.get("metadata");
    Optional<String> refundId = metadata != null && metadata.isJsonObject() && metadata.getAsJsonObject().has(REFUND_ID)
        ? Optional.of(metadata.getAsJsonObject().get(REFUND_ID).getAsString()) : Optional.empty();
    JsonElement intent = object.get("payment_intent");
    return new ProcessorRefund(object.get("id").getAsString(), ours,
        intent == null || intent.isJsonNull() ? "" : intent.getAsString(), refundId);
  }
}
