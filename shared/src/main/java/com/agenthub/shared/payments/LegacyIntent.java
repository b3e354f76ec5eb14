package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A legacy payment intent with its transactions, as ImportPaymentIntent takes it: valid once
 * constructed — amounts by the currency rules (never the minimum charge: history is not charged
 * again), and its history consistent with its amounts and status ({@link LegacyHistory}).
 */
public record LegacyIntent(String legacyId, long amount, Currencies.Currency currency, PaymentStatus status,
    long amountReceived, long amountRefunded, Optional<String> description, Optional<String> customerRef,
    Map<String, String> metadata, Optional<String> processorIntentId, Instant createdAt,
    List<LegacyTransaction> transactions) {

  static final int MAX_LEGACY_ID = 256;
  static final int MAX_TRANSACTIONS = 200;

  public LegacyIntent {
    legacyId = legacyId("legacy_id", legacyId);
    Currencies.requireWellFormed("amount", amount, currency);
    nonNegative("amount_received", amountReceived);
    nonNegative("amount_refunded", amountRefunded);
    description = description.map(d -> bounded("description", d, NewPaymentIntent.MAX_DESCRIPTION));
    customerRef = customerRef.map(c -> bounded("customer_ref", c, NewPaymentIntent.MAX_REF));
    processorIntentId = processorIntentId.map(p -> bounded("processor_intent_id", p, NewPaymentIntent.MAX_REF));
    metadata = Map.copyOf(metadata);
    if (transactions.size() > MAX_TRANSACTIONS) {
      throw ApiError.invalid("transactions", "'transactions' may hold at most " + MAX_TRANSACTIONS + " movements");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < transactions.size(); i++) {
      if (!seen.add(transactions.get(i).legacyId())) {
        throw ApiError.invalid("transactions[" + i + "].legacy_id", "a legacy transaction id may appear once");
      }
    }
    // Oldest first (ties by legacy id): the order the money moved in, and a stable one.
    List<LegacyTransaction> ordered = new ArrayList<>(transactions);
    ordered.sort(Comparator.comparing(LegacyTransaction::createdAt).thenComparing(LegacyTransaction::legacyId));
    transactions = List.copyOf(ordered);
    LegacyHistory.check(amount, status, amountReceived, amountRefunded, transactions);
  }

  /** The product's id of an imported intent: derived from the legacy id, so a re-run and a duplicate name one document. */
  public String productId() {
    return Sha256.hex("payment_intents\n" + legacyId).substring(0, 20);
  }

  /** The ledger transaction id of one imported legacy transaction: one per legacy id, whoever imports it. */
  static String transactionId(String legacyTransactionId) {
    return Sha256.hex("transactions\n" + legacyTransactionId).substring(0, 20);
  }

  /** Everything imported, in one line: a second import of the same legacy id with other content is a conflict. */
  String fingerprint() {
    StringBuilder out = new StringBuilder();
    out.append(legacyId).append('|').append(amount).append('|').append(currency.code()).append('|').append(status.wire())
        .append('|').append(amountReceived).append('|').append(amountRefunded).append('|').append(description.orElse(""))
        .append('|').append(customerRef.orElse("")).append('|').append(new TreeMap<>(metadata)).append('|')
        .append(processorIntentId.orElse("")).append('|').append(createdAt);
    transactions.forEach(t -> out.append('|').append(t.legacyId()).append(':').append(t.kind().wire()).append(':')
        .append(t.amount()).append(':').append(t.createdAt()));
    return Sha256.hex(out.toString());
  }

  static String legacyId(String field, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_LEGACY_ID) {
      throw ApiError.invalid(field, "'" + field + "' must be the legacy id: 1.." + MAX_LEGACY_ID + " characters, not blank");
    }
    return value;
  }

  private static void nonNegative(String field, long value) {
    if (value < 0 || value > Currencies.MAX_AMOUNT) {
      throw ApiError.invalid(field, "'" + field + "' must be 0.." + Currencies.MAX_AMOUNT + " minor units");
    }
  }

  private static String bounded(String field, String value, int max) {
    if (value.isBlank() || value.length() > max) {
      throw ApiError.invalid(field, "'" + field + "' must be 1.." + max + " characters");
    }
    return value;
  }
}
