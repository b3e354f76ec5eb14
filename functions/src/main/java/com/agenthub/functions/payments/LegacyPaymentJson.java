package com.agenthub.functions.payments;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.payments.Currencies;
import com.agenthub.shared.payments.LegacyIntent;
import com.agenthub.shared.payments.LegacyTransaction;
import com.agenthub.shared.payments.PaymentMetadata;
import com.agenthub.shared.payments.PaymentStatus;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ImportPaymentIntent's request: a legacy intent and its transactions; every error names its field (transactions[i].amount). */
final class LegacyPaymentJson {

  static final Set<String> FIELDS = Set.of("legacy_id", "amount", "currency", "status", "amount_received", "amount_refunded",
      "description", "customer_ref", "metadata", "processor_intent_id", "created_at", "transactions");
  static final Set<String> TRANSACTION_FIELDS = Set.of("legacy_id", "kind", "amount", "currency", "created_at");

  private LegacyPaymentJson() {}

  static LegacyIntent intent(JsonFields body) {
    body.rejectUnknown(FIELDS);
    Currencies.Currency currency = Currencies.require("currency", body.requiredString("currency"));
    // The intent's own amount is named before any of its transactions'.
    long amount = Currencies.requireWellFormed("amount", required(body, "amount"), currency);
    return new LegacyIntent(body.requiredString("legacy_id"), amount, currency,
        PaymentStatus.parse("status", body.requiredString("status")), PaymentJson.amount(body, "amount_received").orElse(0L),
        PaymentJson.amount(body, "amount_refunded").orElse(0L), body.optionalString("description"),
        body.optionalString("customer_ref"), PaymentMetadata.require("metadata", body.optionalObject("metadata").orElse(Map.of())),
        body.optionalString("processor_intent_id"), PaymentJson.instant("created_at", body.requiredString("created_at")),
        transactions(body.asJson().get("transactions"), currency));
  }

  private static List<LegacyTransaction> transactions(JsonElement value, Currencies.Currency currency) {
    if (value == null || value.isJsonNull()) {
      return List.of();
    }
    if (!value.isJsonArray()) {
      throw ApiError.invalid("transactions", "'transactions' must be an array of the intent's legacy transactions");
    }
    JsonArray array = value.getAsJsonArray();
    List<LegacyTransaction> list = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "transactions[" + i + "]";
      if (!array.get(i).isJsonObject()) {
        throw ApiError.invalid(at, "a transaction is an object {legacy_id, kind, amount, currency, created_at}");
      }
      JsonFields t = prefixed(at, array.get(i).getAsJsonObject());
      list.add(new LegacyTransaction(at, t.requiredString(at + ".legacy_id"),
          LegacyTransaction.Kind.parse(at + ".kind", t.requiredString(at + ".kind")), required(t, at + ".amount"),
          t.requiredString(at + ".currency"), currency, PaymentJson.instant(at + ".created_at", t.requiredString(at + ".created_at"))));
    }
    return list;
  }

  /** The transaction's fields under their full names, so the shared parsers name them as the request does. */
  private static JsonFields prefixed(String at, JsonObject transaction) {
    for (String name : transaction.keySet()) {
      if (!TRANSACTION_FIELDS.contains(name)) {
        throw ApiError.invalid(at + "." + name, "unknown field '" + at + "." + name + "'");
      }
    }
    JsonObject named = new JsonObject();
    transaction.entrySet().forEach(e -> named.add(at + "." + e.getKey(), e.getValue()));
    return new JsonFields(named);
  }

  private static long required(JsonFields body, String field) {
    return PaymentJson.amount(body, field).orElseThrow(() -> ApiError.invalid(field, "'" + field + "' is required"));
  }
}
