package com.agenthub.functions.payments;

import static com.agenthub.functions.payments.PaymentCalls.create;
import static com.agenthub.functions.payments.PaymentCalls.get;
import static com.agenthub.functions.payments.PaymentCalls.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A randomized mixed workload of a few hundred operations from several clients at once (creates
 * of every scenario, captures, cancels, refunds, some of them bound to fail), then the invariant:
 * every transaction balances, and the balances equal both the sum of the entries and what the
 * intents say.
 */
class LedgerInvariantHttpTest {

  private static final long SEED = Long.getLong("payments.seed", System.nanoTime());
  private static final Set<Integer> EXPECTED = Set.of(200, 201, 400, 409);
  private static final Duration SETTLE = Duration.ofSeconds(60);

  @Test
  void afterAMixedRandomWorkloadTheLedgerBalancesAndEqualsTheIntents() throws Exception {
    ApiClient org = LocalStackFixture.newOrganization("Ledger invariant");
    Random random = new Random(SEED);
    List<String> intents = java.util.Collections.synchronizedList(new ArrayList<>());
    String[] methods = {"pm_card_visa", "pm_card_visa", "pm_card_threeDSecure", "pm_processing_succeeds",
        "pm_card_chargeDeclined", "pm_card_refundFail"};
    for (int i = 0; i < 24; i++) {
      String currency = random.nextBoolean() ? "usd" : "jpy";
      String manual = random.nextBoolean() ? "manual" : "automatic";
      intents.add(create(org, "{\"amount\": " + (100 + random.nextInt(5000)) + ", \"currency\": \"" + currency
          + "\", \"capture_method\": \"" + manual + "\", \"payment_method\": \"" + methods[random.nextInt(methods.length)]
          + "\"}").get("id").getAsString());
    }
    PaymentCalls.sleep(1500);

    ExecutorService clients = Executors.newFixedThreadPool(6);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long opSeed = random.nextLong();
      answers.add(clients.submit(() -> operate(org, intents, new Random(opSeed))));
    }
    Map<Integer, Integer> byStatus = new HashMap<>();
    for (Future<Integer> answer : answers) {
      byStatus.merge(answer.get(60, TimeUnit.SECONDS), 1, Integer::sum);
    }
    clients.shutdown();
    assertTrue(EXPECTED.containsAll(byStatus.keySet()), "seed " + SEED + ": unexpected answers " + byStatus);
    assertTrue(byStatus.getOrDefault(201, 0) + byStatus.getOrDefault(200, 0) > 50, "seed " + SEED + ": " + byStatus);
    // The invariant holds once every webhook is applied: a pm_card_refundFail refund is reversed by
    // a refund.failed webhook some time after its answer, and webhooks may come in duplicate. A fixed
    // pause after the workload was too short for some seeds (70537619157278: 5 failures in 5 at
    // 500 ms, each an intent read before its reversal and the balance after it; it settled 2.6 s
    // after the workload in one run, ~13 s in another). So: check until it holds, for at most SETTLE;
    // a ledger that never agrees still fails, naming what disagrees.
    List<String> violations;
    long deadline = System.nanoTime() + SETTLE.toNanos();
    do {
      PaymentCalls.sleep(500);
      violations = violations(org, intents);
    } while (!violations.isEmpty() && System.nanoTime() < deadline);
    assertEquals(List.of(), violations, "seed " + SEED + ": still after " + SETTLE.toSeconds() + " s");
  }

  /** What the ledger, the balances and the intents disagree on right now (empty when the invariant holds). */
  private static List<String> violations(ApiClient org, List<String> intents) {
    List<String> violations = new ArrayList<>();
    Map<String, Long> received = new HashMap<>();
    Map<String, Long> held = new HashMap<>();
    for (String id : intents) {
      JsonObject intent = get(org, id);
      String currency = intent.get("currency").getAsString();
      received.merge(currency, intent.get("amount_received").getAsLong() - intent.get("amount_refunded").getAsLong(), Long::sum);
      held.merge(currency, intent.get("amount_capturable").getAsLong(), Long::sum);
    }
    Map<String, Map<String, Long>> fromEntries = new HashMap<>();
    Map<String, Long> byTransaction = new HashMap<>();
    String token = "";
    do {
      JsonObject page = org.get("ListLedgerEntries?page_size=100&page_token=" + token).json();
      for (JsonElement element : page.getAsJsonArray("ledger_entries")) {
        JsonObject entry = element.getAsJsonObject();
        long signed = entry.get("direction").getAsString().equals("debit") ? entry.get("amount").getAsLong()
            : -entry.get("amount").getAsLong();
        byTransaction.merge(entry.get("transaction_id").getAsString(), signed, Long::sum);
        fromEntries.computeIfAbsent(entry.get("currency").getAsString(), c -> new HashMap<>())
            .merge(entry.get("account").getAsString(), signed, Long::sum);
      }
      token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
    } while (token != null);

    byTransaction.forEach((tx, sum) -> expect(violations, 0L, sum, "transaction " + tx + " balances"));
    JsonArray balances = org.get("GetBalance").json().getAsJsonArray("balances");
    for (JsonElement element : balances) {
      JsonObject balance = element.getAsJsonObject();
      String currency = balance.get("currency").getAsString();
      Map<String, Long> accounts = fromEntries.getOrDefault(currency, Map.of());
      for (Map.Entry<String, JsonElement> account : balance.getAsJsonObject("accounts").entrySet()) {
        expect(violations, accounts.getOrDefault(account.getKey(), 0L), account.getValue().getAsLong(),
            currency + " " + account.getKey() + " = Σ its entries");
      }
      expect(violations, received.getOrDefault(currency, 0L), balance.get("received").getAsLong(),
          currency + " received = Σ intents' received − refunded");
      expect(violations, held.getOrDefault(currency, 0L), balance.get("held").getAsLong(), currency + " held = Σ intents' capturable");
    }
    expect(violations, fromEntries.keySet(), new HashSet<>(balances.asList().stream()
        .map(b -> b.getAsJsonObject().get("currency").getAsString()).toList()), "the balances' currencies are the entries'");
    return violations;
  }

  private static void expect(List<String> violations, Object expected, Object actual, String what) {
    if (!expected.equals(actual)) {
      violations.add(what + ": expected " + expected + " but was " + actual);
    }
  }

  /** One random operation on a random intent; returns the status. */
  private static int operate(ApiClient org, List<String> intents, Random random) {
    String id = intents.get(random.nextInt(intents.size()));
    ApiResponse answer = switch (random.nextInt(4)) {
      case 0 -> post(org, "CapturePaymentIntent", "{\"payment_intent_id\": \"" + id + "\""
          + (random.nextBoolean() ? ", \"amount_to_capture\": " + (1 + random.nextInt(3000)) : "") + "}");
      case 1 -> random.nextInt(4) == 0
          ? post(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + id + "\"}")
          : post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": " + (1 + random.nextInt(400)) + "}");
      default -> post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": " + (1 + random.nextInt(300)) + "}");
    };
    return answer.status();
  }
}
