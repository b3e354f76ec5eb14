package com.agenthub.migrate.snapshot;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each payment intent against its transactions before anything is sent, as
 * ImportPaymentIntent will (README, Migration: "Payments"): same currency, never more released or
 * refunded than held or received at that point, ending at amount_received and amount_refunded,
 * a hold only while requires_capture. An intent that fails is rejected with the reason, and so are
 * its transactions (they are imported only with it); transactions of no valid intent are rejected.
 */
final class PaymentHistories {

  private PaymentHistories() {}

  static void check(List<LegacyRecord> intents, List<LegacyRecord> transactions, List<Rejection> rejections) {
    Map<String, List<LegacyRecord>> byIntent = new HashMap<>();
    transactions.forEach(t -> byIntent.computeIfAbsent(t.data().get("payment_intent_id").getAsString(), k -> new ArrayList<>()).add(t));
    Set<String> rejectedIntents = new HashSet<>();
    intents.removeIf(intent -> {
      String[] problem = problem(intent.data(), byIntent.getOrDefault(intent.legacyId(), List.of()));
      if (problem == null) {
        return false;
      }
      rejections.add(Rejection.of(intent, problem[0], problem[1]));
      rejectedIntents.add(intent.legacyId());
      return true;
    });
    Set<String> known = new HashSet<>();
    intents.forEach(i -> known.add(i.legacyId()));
    transactions.removeIf(t -> {
      String intent = t.data().get("payment_intent_id").getAsString();
      if (known.contains(intent)) {
        return false;
      }
      rejections.add(Rejection.of(t, "payment_intent_id", rejectedIntents.contains(intent)
          ? "its payment intent " + intent + " is rejected: transactions are imported only with their intent"
          : "no valid payment intent with this legacy id in payment_intents.ndjson"));
      return true;
    });
  }

  /** The first problem of an intent's history: (field, reason), or null. */
  private static String[] problem(JsonObject intent, List<LegacyRecord> transactions) {
    String currency = intent.get("currency").getAsString();
    long amount = intent.get("amount").getAsLong();
    List<LegacyRecord> ordered = new ArrayList<>(transactions);
    ordered.sort(Comparator.comparing((LegacyRecord t) -> Instant.parse(t.data().get("created_at").getAsString()))
        .thenComparing(LegacyRecord::legacyId));
    long held = 0;
    long received = 0;
    long refunded = 0;
    for (LegacyRecord t : ordered) {
      JsonObject d = t.data();
      if (!d.get("currency").getAsString().equals(currency)) {
        return new String[] {"currency", "transaction " + t.legacyId() + " is in " + d.get("currency").getAsString()
            + ", the intent in " + currency};
      }
      long a = d.get("amount").getAsLong();
      switch (d.get("kind").getAsString()) {
        case "authorization" -> held += a;
        case "release", "capture" -> {
          if (a > held) {
            return new String[] {"amount", "transaction " + t.legacyId() + " moves " + a + " of an authorization but only " + held + " is held then"};
          }
          held -= a;
          received += d.get("kind").getAsString().equals("capture") ? a : 0;
        }
        case "payment" -> received += a;
        case "refund" -> {
          if (refunded + a > received) {
            return new String[] {"amount_refunded", "transaction " + t.legacyId() + " refunds " + a + " but only "
                + (received - refunded) + " is left to refund then"};
          }
          refunded += a;
        }
        default -> {
          if (a > refunded) {
            return new String[] {"amount_refunded", "transaction " + t.legacyId() + " reverses " + a + " but only " + refunded + " was refunded then"};
          }
          refunded -= a;
        }
      }
      if (held > amount || received > amount) {
        return new String[] {"amount", "transaction " + t.legacyId() + " takes the intent past its amount " + amount};
      }
    }
    long amountReceived = intent.has("amount_received") && !intent.get("amount_received").isJsonNull() ? intent.get("amount_received").getAsLong() : 0;
    long amountRefunded = intent.has("amount_refunded") && !intent.get("amount_refunded").isJsonNull() ? intent.get("amount_refunded").getAsLong() : 0;
    if (received != amountReceived) {
      return new String[] {"amount_received", "the transactions do not sum up to amount_received " + amountReceived
          + ": payments and captures receive " + received};
    }
    if (refunded != amountRefunded) {
      return new String[] {"amount_refunded", "the transactions do not sum up to amount_refunded " + amountRefunded
          + ": refunds less reversals are " + refunded};
    }
    String status = intent.get("status").getAsString();
    boolean ok = switch (status) {
      case "requires_capture" -> held > 0 && received == 0;
      case "succeeded" -> held == 0 && received > 0;
      default -> held == 0 && received == 0;
    };
    return ok ? null : new String[] {"status", "a " + status + " intent cannot have transactions that hold " + held + " and receive " + received};
  }
}
