package com.agenthub.functions.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.KillMidLoad;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.functions.wiring.Services;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.local.LocalPorts;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the process serving the payment functions in the middle of creates and refunds:
 * every acknowledged operation is there exactly once, the ledger balances and equals the intents,
 * and every ledger transaction reaches BigQuery (the outbox sweep publishes what the dead process did not).
 */
class PaymentCrashTest {

  @Test
  void acknowledgedCreatesAndRefundsSurviveKillMinusNineExactlyOnce() throws Exception {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Payment crash");
    int port = LocalPorts.free();
    Process server = DevServerProcess.start(port, Map.of(Settings.PAYMENTS_PROCESSOR, "simulated",
        Settings.STRIPE_WEBHOOK_SECRETS, LocalStackFixture.WEBHOOK_SECRET));
    ApiClient child = new ApiClient("http://127.0.0.1:" + port, tenant.client().bearer());
    List<String> paid = new ArrayList<>();
    ConcurrentLinkedQueue<String> createdAcks = new ConcurrentLinkedQueue<>();
    Map<String, AtomicInteger> refundAcks = new ConcurrentHashMap<>();
    for (int i = 0; i < 6; i++) {
      paid.add(PaymentCalls.create(child, "{\"amount\": 100000, \"currency\": \"usd\", \"payment_method\": \"pm_card_visa\"}")
          .get("id").getAsString());
    }
    for (String id : paid) {
      PaymentCalls.awaitStatus(child, id, "succeeded");
      refundAcks.put(id, new AtomicInteger());
    }
    KillMidLoad.run(server, 8, Duration.ofSeconds(30),
        () -> createdAcks.size() + refundAcks.values().stream().mapToInt(AtomicInteger::get).sum() >= 60, writer -> {
          Random random = new Random(writer);
          return round -> {
            if (random.nextBoolean()) {
              ApiResponse created = PaymentCalls.post(child, "CreatePaymentIntent", "{\"amount\": 700, \"currency\": \"usd\"}");
              if (created.status() == 201) {
                createdAcks.add(created.json().get("id").getAsString());
              }
            } else {
              String id = paid.get(random.nextInt(paid.size()));
              ApiResponse refund = PaymentCalls.post(child, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 1}");
              if (refund.status() == 201) {
                refundAcks.get(id).incrementAndGet();
              }
            }
          };
        });

    ApiClient org = tenant.client();
    for (String id : createdAcks) {
      assertEquals(200, org.get("GetPaymentIntent?payment_intent_id=" + id).status(), "acknowledged intent " + id + " is there");
    }
    Map<String, Long> byTransaction = new HashMap<>();
    Map<String, Long> refundedInLedger = new HashMap<>();
    Set<String> transactions = new java.util.HashSet<>();
    String token = "";
    do {
      JsonObject page = org.get("ListLedgerEntries?page_size=100&page_token=" + token).json();
      for (JsonElement element : page.getAsJsonArray("ledger_entries")) {
        JsonObject entry = element.getAsJsonObject();
        long amount = entry.get("amount").getAsLong();
        boolean debit = entry.get("direction").getAsString().equals("debit");
        byTransaction.merge(entry.get("transaction_id").getAsString(), debit ? amount : -amount, Long::sum);
        transactions.add(entry.get("transaction_id").getAsString());
        if (entry.get("account").getAsString().equals("customer_payments")) {
          String kind = entry.get("kind").getAsString();
          if (kind.equals("refund") || kind.equals("refund_reversal")) {
            refundedInLedger.merge(entry.get("payment_intent_id").getAsString(), debit ? amount : -amount, Long::sum);
          }
        }
      }
      token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
    } while (token != null);
    byTransaction.forEach((tx, sum) -> assertEquals(0L, sum, "transaction " + tx + " balances"));
    for (String id : paid) {
      long refunded = PaymentCalls.get(org, id).get("amount_refunded").getAsLong();
      int acknowledged = refundAcks.get(id).get();
      assertTrue(refunded >= acknowledged, id + ": " + acknowledged + " refunds acknowledged, " + refunded + " recorded");
      assertTrue(refunded <= acknowledged + 8, id + ": at most the 8 in flight beyond the acknowledged: " + refunded);
      assertEquals(refunded, refundedInLedger.getOrDefault(id, 0L), id + ": the ledger says what the intent says");
    }

    // What the killed process committed but did not publish, the sweep does; then every transaction is one row.
    Services.production().outboxRelay().sweep(Duration.ZERO);
    assertEquals(transactions.size(), WarehouseProbe.awaitCount("payment_transactions", "organization_id",
        tenant.organizationId(), transactions.size(), Duration.ofSeconds(30)));
    PaymentCalls.sleep(1000);
    assertEquals(transactions.size(), WarehouseProbe.count("payment_transactions", "organization_id", tenant.organizationId()),
        "exactly one row per ledger transaction");
  }
}
