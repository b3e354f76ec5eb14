package com.agenthub.functions.payments;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.payments.Balance;
import com.agenthub.shared.payments.CaptureMethod;
import com.agenthub.shared.payments.Currencies;
import com.agenthub.shared.payments.LedgerAccount;
import com.agenthub.shared.payments.LedgerEntry;
import com.agenthub.shared.payments.NewPaymentIntent;
import com.agenthub.shared.payments.PaymentIntent;
import com.agenthub.shared.payments.PaymentMetadata;
import com.agenthub.shared.payments.Refund;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How payments look on the wire, both ways. Amounts are JSON integers of minor units, never anything else. */
final class PaymentJson {

  static final Set<String> CREATE_FIELDS = Set.of("amount", "currency", "capture_method", "description", "customer_ref",
      "metadata", "payment_method");

  private PaymentJson() {}

  static NewPaymentIntent newIntent(JsonFields body) {
    body.rejectUnknown(CREATE_FIELDS);
    long amount = amount(body, "amount").orElseThrow(() -> ApiError.invalid("amount", "'amount' is required"));
    return new NewPaymentIntent(amount, Currencies.require("currency", body.requiredString("currency")),
        body.optionalString("capture_method").map(m -> CaptureMethod.parse("capture_method", m)).orElse(CaptureMethod.AUTOMATIC),
        body.optionalString("description"), body.optionalString("customer_ref"),
        PaymentMetadata.require("metadata", body.optionalObject("metadata").orElse(Map.of())),
        body.optionalString("payment_method"));
  }

  /**
   * An amount exactly as written: a JSON integer. {@code 10.5}, {@code 1e3}, {@code 10.0} and
   * {@code "1000"} are refused, never rounded or converted.
   */
  static Optional<Long> amount(JsonFields body, String field) {
    JsonElement value = body.asJson().get(field);
    if (value == null || value.isJsonNull()) {
      return Optional.empty();
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw ApiError.invalid(field, "'" + field + "' must be a JSON integer of minor units (e.g. 1050 for 10.50 usd), not "
          + (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? "a string" : "this value"));
    }
    String text = value.getAsJsonPrimitive().getAsString();
    if (!text.matches("-?[0-9]+")) {
      throw ApiError.invalid(field, "'" + field + "' must be an integer of minor units without decimals or exponent; got "
          + text);
    }
    BigInteger number = new BigInteger(text);
    if (number.bitLength() > 62) {
      throw ApiError.invalid(field, "'" + field + "' must be at most " + Currencies.MAX_AMOUNT + " minor units");
    }
    return Optional.of(number.longValue());
  }

  /** Stripe's refund reasons. */
  static String refundReason(String value) {
    if (!Set.of("duplicate", "fraudulent", "requested_by_customer").contains(value)) {
      throw ApiError.invalid("reason", "'reason' must be one of duplicate, fraudulent, requested_by_customer");
    }
    return value;
  }

  static java.time.Instant instant(String field, String value) {
    try {
      return java.time.Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiError.invalid(field, "'" + field + "' must be an RFC 3339 UTC timestamp such as 2026-11-28T00:00:00Z");
    }
  }

  static JsonObject of(PaymentIntent intent) {
    JsonObject json = new JsonObject();
    json.addProperty("id", intent.id());
    json.addProperty("object", "payment_intent");
    json.addProperty("organization_id", intent.organizationId());
    json.addProperty("amount", intent.amount());
    json.addProperty("currency", intent.currency());
    json.addProperty("status", intent.status().wire());
    json.addProperty("capture_method", intent.captureMethod().wire());
    json.addProperty("amount_capturable", intent.amountCapturable());
    json.addProperty("amount_received", intent.amountReceived());
    json.addProperty("amount_refunded", intent.amountRefunded());
    json.add("description", Json.toJson(intent.description().orElse(null)));
    json.add("customer_ref", Json.toJson(intent.customerRef().orElse(null)));
    json.add("metadata", Json.toJson(intent.metadata()));
    json.addProperty("processor", intent.processor());
    json.addProperty("processor_intent_id", intent.processorIntentId());
    json.add("cancellation_reason", Json.toJson(intent.cancellationReason().orElse(null)));
    json.add("last_payment_error", Json.toJson(intent.lastPaymentError().orElse(null)));
    json.addProperty("created_at", intent.createdAt().toString());
    json.addProperty("updated_at", intent.updatedAt().toString());
    json.addProperty("etag", ETags.of(intent.version()));
    intent.legacyId().ifPresent(id -> json.addProperty("legacy_id", id));
    return json;
  }

  static JsonObject of(Refund refund) {
    JsonObject json = new JsonObject();
    json.addProperty("id", refund.id());
    json.addProperty("object", "refund");
    json.addProperty("payment_intent_id", refund.paymentIntentId());
    json.addProperty("amount", refund.amount());
    json.addProperty("currency", refund.currency());
    json.addProperty("status", refund.status());
    json.add("reason", Json.toJson(refund.reason().orElse(null)));
    json.add("processor_refund_id", Json.toJson(refund.processorRefundId().orElse(null)));
    json.addProperty("created_at", refund.createdAt().toString());
    return json;
  }

  static JsonObject of(LedgerEntry entry) {
    JsonObject json = new JsonObject();
    json.addProperty("id", entry.id());
    json.addProperty("transaction_id", entry.transactionId());
    json.addProperty("payment_intent_id", entry.paymentIntentId());
    json.addProperty("kind", entry.kind());
    json.addProperty("account", entry.account().wire());
    json.addProperty("direction", entry.direction().wire());
    json.addProperty("amount", entry.amount());
    json.addProperty("currency", entry.currency());
    json.addProperty("created_at", entry.createdAt().toString());
    return json;
  }

  static JsonObject balances(List<Balance> balances) {
    JsonArray items = new JsonArray();
    for (Balance balance : balances) {
      JsonObject json = new JsonObject();
      json.addProperty("currency", balance.currency());
      json.addProperty("received", balance.received());
      json.addProperty("held", balance.held());
      JsonObject accounts = new JsonObject();
      for (LedgerAccount account : LedgerAccount.values()) {
        accounts.add(account.wire(), new JsonPrimitive(balance.accounts().getOrDefault(account, 0L)));
      }
      json.add("accounts", accounts);
      json.addProperty("entries", balance.entries());
      items.add(json);
    }
    JsonObject json = new JsonObject();
    json.add("balances", items);
    return json;
  }
}
