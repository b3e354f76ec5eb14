package com.agenthub.functions.migration;

import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;

/**
 * The generated snapshot's payments: intents in every money-moving shape (paid and partly refunded,
 * authorized then captured, still held, authorized then released, refunded then the refund
 * reversed, never paid), in minor units of two-, zero- (jpy) and three-decimal (kwd) currencies,
 * each with the transactions that add up to its amounts.
 */
final class LegacyPayments {

  static final String[] CURRENCIES = {"usd", "jpy", "kwd", "eur", "gbp"};

  private LegacyPayments() {}

  static void write(Path dir, int intents, Random random, Map<LegacySnapshots.Kind, Integer> counts) throws IOException {
    Instant base = Instant.parse("2026-06-01T00:00:00Z");
    int transactions = 0;
    try (BufferedWriter out = LegacySnapshots.writer(dir, "payment_intents");
        BufferedWriter txOut = LegacySnapshots.writer(dir, "transactions")) {
      for (int i = 0; i < intents; i++) {
        String id = i % 9 == 4 ? "платёж " + i : "pi_" + i;
        String currency = CURRENCIES[i % CURRENCIES.length];
        long step = currency.equals("kwd") ? 10 : 1;
        long amount = (100 + random.nextInt(99_000)) * step;
        long refund = amount / 4 / step * step;
        Instant at = base.plus(i, ChronoUnit.HOURS);
        JsonObject intent = new JsonObject();
        intent.addProperty("id", id);
        intent.addProperty("amount", amount);
        intent.addProperty("currency", currency);
        intent.addProperty("customer_ref", "cus_" + (i % 40));
        intent.addProperty("processor_intent_id", "pi_3Q" + Integer.toHexString(1_000_000 + i));
        JsonObject metadata = new JsonObject();
        metadata.addProperty("order", "ord-" + i);
        metadata.addProperty("note", LegacySnapshots.NAMES[i % LegacySnapshots.NAMES.length]);
        intent.add("metadata", metadata);
        intent.addProperty("created_at", at.toString());
        long received = 0;
        long refunded = 0;
        String status;
        java.util.List<String[]> moves = new java.util.ArrayList<>();
        switch (i % 6) {
          case 0 -> {
            status = "succeeded";
            moves.add(new String[] {"payment", Long.toString(amount)});
            moves.add(new String[] {"refund", Long.toString(refund)});
            received = amount;
            refunded = refund;
          }
          case 1 -> {
            status = "succeeded";
            moves.add(new String[] {"authorization", Long.toString(amount)});
            moves.add(new String[] {"capture", Long.toString(amount)});
            received = amount;
          }
          case 2 -> {
            status = "requires_capture";
            moves.add(new String[] {"authorization", Long.toString(amount)});
          }
          case 3 -> {
            status = "canceled";
            moves.add(new String[] {"authorization", Long.toString(amount)});
            moves.add(new String[] {"release", Long.toString(amount)});
          }
          case 4 -> {
            status = "succeeded";
            moves.add(new String[] {"payment", Long.toString(amount)});
            moves.add(new String[] {"refund", Long.toString(amount)});
            moves.add(new String[] {"refund_reversal", Long.toString(amount)});
            received = amount;
          }
          default -> status = "requires_payment_method";
        }
        intent.addProperty("status", status);
        intent.addProperty("amount_received", received);
        intent.addProperty("amount_refunded", refunded);
        LegacySnapshots.line(out, intent);
        for (int k = 0; k < moves.size(); k++) {
          JsonObject tx = new JsonObject();
          tx.addProperty("id", "txn_" + i + "_" + k);
          tx.addProperty("payment_intent_id", id);
          tx.addProperty("kind", moves.get(k)[0]);
          tx.addProperty("amount", Long.parseLong(moves.get(k)[1]));
          tx.addProperty("currency", currency);
          tx.addProperty("created_at", at.plus(k + 1, ChronoUnit.MINUTES).toString());
          LegacySnapshots.line(txOut, tx);
          transactions++;
        }
      }
    }
    counts.put(LegacySnapshots.Kind.PAYMENT_INTENTS, intents);
    counts.put(LegacySnapshots.Kind.TRANSACTIONS, transactions);
  }
}
