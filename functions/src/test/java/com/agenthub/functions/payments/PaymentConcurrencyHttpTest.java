package com.agenthub.functions.payments;

import static com.agenthub.functions.payments.PaymentCalls.authorized;
import static com.agenthub.functions.payments.PaymentCalls.get;
import static com.agenthub.functions.payments.PaymentCalls.paid;
import static com.agenthub.functions.payments.PaymentCalls.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Money under concurrency: refunds never add up past what was received; one of capture and cancel wins. */
class PaymentConcurrencyHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Payment concurrency test");

  @Test
  void fiftyConcurrentRefundsOfOneAgainstThirtyReceivedLetExactlyThirtySucceed() throws Exception {
    String id = paid(org, 50).get("id").getAsString();
    // Leave exactly 30 to refund.
    assertEquals(201, post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 20}").status());
    Map<Integer, Integer> statuses = runConcurrently(50,
        () -> post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 1}"));

    assertEquals(Map.of(201, 30, 409, 20), statuses);
    JsonObject intent = get(org, id);
    assertEquals(50, intent.get("amount_refunded").getAsLong());
    JsonArray entries = ledger(id);
    assertEquals(2 + 2 + 30 * 2, entries.size());
    PaymentsHttpTest.assertBalanced(entries);
    assertEquals(0, PaymentsHttpTest.balance(org, "usd").get("received").getAsLong());
  }

  @Test
  void concurrentCaptureAndCancelLetExactlyOneWin() throws Exception {
    for (int round = 0; round < 3; round++) {
      String id = authorized(org, 1000).get("id").getAsString();
      List<Callable<ApiResponse>> calls = List.of(
          () -> post(org, "CapturePaymentIntent", "{\"payment_intent_id\": \"" + id + "\"}"),
          () -> post(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + id + "\"}"));
      Map<Integer, Integer> statuses = runAll(calls);
      assertEquals(Map.of(200, 1, 409, 1), statuses);
      JsonObject intent = get(org, id);
      String status = intent.get("status").getAsString();
      assertEquals(status.equals("succeeded") ? 1000 : 0, intent.get("amount_received").getAsLong(), status);
      assertEquals(0, intent.get("amount_capturable").getAsLong());
      PaymentsHttpTest.assertBalanced(ledger(id));
    }
  }

  private JsonArray ledger(String id) {
    JsonArray all = new JsonArray();
    String token = "";
    do {
      JsonObject page = org.get("ListLedgerEntries?payment_intent_id=" + id + "&page_size=100&page_token=" + token).json();
      all.addAll(page.getAsJsonArray("ledger_entries"));
      token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
    } while (token != null);
    return all;
  }

  private static Map<Integer, Integer> runConcurrently(int calls, Callable<ApiResponse> call) throws Exception {
    List<Callable<ApiResponse>> all = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      all.add(call);
    }
    return runAll(all);
  }

  /** Starts all calls together and counts the answers by status. */
  private static Map<Integer, Integer> runAll(List<Callable<ApiResponse>> calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<ApiResponse>> answers = new ArrayList<>();
      for (Callable<ApiResponse> call : calls) {
        answers.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<ApiResponse> answer : answers) {
        ApiResponse response = answer.get(60, TimeUnit.SECONDS);
        byStatus.merge(response.status(), 1, Integer::sum);
      }
      return byStatus;
    } finally {
      pool.shutdownNow();
    }
  }
}
