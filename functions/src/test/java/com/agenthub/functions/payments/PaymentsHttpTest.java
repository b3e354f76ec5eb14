package com.agenthub.functions.payments;

import static com.agenthub.functions.payments.PaymentCalls.authorized;
import static com.agenthub.functions.payments.PaymentCalls.awaitStatus;
import static com.agenthub.functions.payments.PaymentCalls.create;
import static com.agenthub.functions.payments.PaymentCalls.get;
import static com.agenthub.functions.payments.PaymentCalls.paid;
import static com.agenthub.functions.payments.PaymentCalls.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payments end to end over HTTP: the simulated processor pays by signed webhook, the ledger follows. */
class PaymentsHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Payments test");

  @Test
  void aCardPaymentIsPaidByWebhookAndLandsInTheLedgerAndBalance() {
    JsonObject created = create(org, "{\"amount\": 2000, \"currency\": \"usd\", \"payment_method\": \"pm_card_visa\", "
        + "\"customer_ref\": \"cus_1\", \"metadata\": {\"order\": \"A-1\"}}");
    assertEquals("requires_confirmation", created.get("status").getAsString());
    assertTrue(created.get("client_secret").getAsString().startsWith(created.get("processor_intent_id").getAsString()));
    String id = created.get("id").getAsString();

    JsonObject paid = awaitStatus(org, id, "succeeded");
    assertEquals(2000, paid.get("amount_received").getAsLong());
    assertFalse(paid.has("client_secret"), "the client secret is shown on create only");

    JsonArray entries = org.get("ListLedgerEntries?payment_intent_id=" + id).json().getAsJsonArray("ledger_entries");
    assertEquals(2, entries.size(), entries::toString);
    assertBalanced(entries);
    JsonObject usd = balance(org, "usd");
    assertEquals(2000, usd.get("received").getAsLong());
    assertEquals(0, usd.get("held").getAsLong());
  }

  @Test
  void aPartialCaptureReceivesPartAndReleasesTheWholeAuthorization() {
    String id = authorized(org, 5000).get("id").getAsString();
    assertEquals(5000, get(org, id).get("amount_capturable").getAsLong());
    assertEquals(5000, balance(org, "usd").get("held").getAsLong());

    ApiResponse tooMuch = post(org, "CapturePaymentIntent", "{\"payment_intent_id\": \"" + id + "\", \"amount_to_capture\": 5001}");
    assertEquals(400, tooMuch.status(), tooMuch::toString);
    assertEquals("amount_to_capture", tooMuch.errorField());

    ApiResponse captured = post(org, "CapturePaymentIntent", "{\"payment_intent_id\": \"" + id + "\", \"amount_to_capture\": 3000}");
    assertEquals(200, captured.status(), captured::toString);
    assertEquals("succeeded", captured.json().get("status").getAsString());
    assertEquals(3000, captured.json().get("amount_received").getAsLong());
    assertEquals(0, captured.json().get("amount_capturable").getAsLong());
    JsonObject usd = balance(org, "usd");
    assertEquals(3000, usd.get("received").getAsLong());
    assertEquals(0, usd.get("held").getAsLong());
    assertBalanced(org.get("ListLedgerEntries?payment_intent_id=" + id).json().getAsJsonArray("ledger_entries"));
  }

  @Test
  void cancelingAnAuthorizationReleasesItAndRecordsTheReason() {
    String id = authorized(org, 1500).get("id").getAsString();
    ApiResponse canceled = post(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + id + "\", "
        + "\"cancellation_reason\": \"abandoned\"}");
    assertEquals(200, canceled.status(), canceled::toString);
    assertEquals("canceled", canceled.json().get("status").getAsString());
    assertEquals("abandoned", canceled.json().get("cancellation_reason").getAsString());
    assertEquals(0, balance(org, "usd").get("held").getAsLong());

    ApiResponse again = post(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + id + "\"}");
    assertEquals(409, again.status(), again::toString);
    assertTrue(again.json().getAsJsonObject("error").get("message").getAsString().contains("canceled"));
    ApiResponse badReason = post(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + id + "\", "
        + "\"cancellation_reason\": \"bored\"}");
    assertEquals(400, badReason.status());
    assertEquals("cancellation_reason", badReason.errorField());
  }

  @Test
  void refundsArePartialAndRepeatedButNeverExceedWhatWasReceived() {
    String id = paid(org, 1000).get("id").getAsString();
    ApiResponse first = post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 400}");
    assertEquals(201, first.status(), first::toString);
    assertEquals("succeeded", first.json().get("status").getAsString());
    ApiResponse tooMuch = post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 601}");
    assertEquals(409, tooMuch.status(), tooMuch::toString);
    assertEquals("amount", tooMuch.errorField());
    ApiResponse rest = post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\"}");
    assertEquals(201, rest.status(), rest::toString);
    assertEquals(600, rest.json().get("amount").getAsLong());
    assertEquals(1000, get(org, id).get("amount_refunded").getAsLong());
    assertEquals(0, balance(org, "usd").get("received").getAsLong());
    assertBalanced(org.get("ListLedgerEntries?payment_intent_id=" + id).json().getAsJsonArray("ledger_entries"));
  }

  @Test
  void aRefundTheProcessorFailsIsReversedNotEdited() {
    String id = create(org, "{\"amount\": 700, \"currency\": \"usd\", \"payment_method\": \"pm_card_refundFail\"}")
        .get("id").getAsString();
    awaitStatus(org, id, "succeeded");
    ApiResponse refund = post(org, "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 300}");
    assertEquals(201, refund.status(), refund::toString);
    // As with Stripe's test card: reported succeeded at first, failed later by a refund.failed webhook.
    assertEquals("succeeded", refund.json().get("status").getAsString());
    PaymentCalls.awaitRefund(org, refund.json().get("id").getAsString(), "failed");
    assertEquals(0, get(org, id).get("amount_refunded").getAsLong());
    JsonArray entries = org.get("ListLedgerEntries?payment_intent_id=" + id).json().getAsJsonArray("ledger_entries");
    assertEquals(6, entries.size(), "payment, refund and its reversal: " + entries);
    assertBalanced(entries);
    assertEquals(700, balance(org, "usd").get("received").getAsLong());
  }

  @Test
  void aDeclinedCardReturnsToRequiresPaymentMethodWithItsError() {
    String id = create(org, "{\"amount\": 900, \"currency\": \"eur\", \"payment_method\": \"pm_card_chargeDeclined\"}")
        .get("id").getAsString();
    JsonObject declined = awaitStatus(org, id, "requires_payment_method");
    assertEquals("card_declined", declined.getAsJsonObject("last_payment_error").get("code").getAsString());
    assertEquals(0, org.get("ListLedgerEntries?payment_intent_id=" + id).json().getAsJsonArray("ledger_entries").size());
  }

  @Test
  void threeDSecureAndProcessingScenariosEndWhereStripesWould() {
    String action = create(org, "{\"amount\": 800, \"currency\": \"usd\", \"payment_method\": \"pm_card_threeDSecure\"}")
        .get("id").getAsString();
    String processing = create(org, "{\"amount\": 800, \"currency\": \"usd\", \"payment_method\": \"pm_processing_fails\"}")
        .get("id").getAsString();
    awaitStatus(org, action, "succeeded");
    awaitStatus(org, processing, "requires_payment_method");
  }

  @Test
  void listsFilterByStatusAndCustomerAndPageWithCursors() {
    ApiClient own = LocalStackFixture.newOrganization("Payments list test");
    for (int i = 0; i < 3; i++) {
      create(own, "{\"amount\": 100, \"currency\": \"usd\", \"customer_ref\": \"cus_list\"}");
    }
    create(own, "{\"amount\": 100, \"currency\": \"usd\", \"customer_ref\": \"cus_other\"}");
    JsonObject first = own.get("ListPaymentIntents?customer_ref=cus_list&status=requires_payment_method&page_size=2").json();
    assertEquals(2, first.getAsJsonArray("payment_intents").size());
    JsonObject second = own.get("ListPaymentIntents?customer_ref=cus_list&status=requires_payment_method&page_size=2&page_token="
        + first.get("next_page_token").getAsString()).json();
    assertEquals(1, second.getAsJsonArray("payment_intents").size());
    assertTrue(second.get("next_page_token").isJsonNull());
    assertEquals(4, own.get("ListPaymentIntents").json().getAsJsonArray("payment_intents").size());
  }

  @Test
  void listsAreNewestFirstAndFilterByACreatedRange() {
    ApiClient own = LocalStackFixture.newOrganization("Payments range test");
    List<String> ids = new ArrayList<>();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject intent = create(own, "{\"amount\": 100, \"currency\": \"usd\"}");
      ids.add(intent.get("id").getAsString());
      created.add(intent.get("created_at").getAsString());
      PaymentCalls.sleep(20);
    }
    assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), idsOf(own.get("ListPaymentIntents").json()));
    // [second, third): the second only.
    assertEquals(List.of(ids.get(1)), idsOf(own.get("ListPaymentIntents?created_from=" + created.get(1) + "&created_to="
        + created.get(2)).json()));
    JsonObject page = own.get("ListPaymentIntents?created_from=" + created.get(0) + "&page_size=2").json();
    assertEquals(List.of(ids.get(2), ids.get(1)), idsOf(page));
    assertEquals(List.of(ids.get(0)), idsOf(own.get("ListPaymentIntents?created_from=" + created.get(0) + "&page_size=2"
        + "&page_token=" + page.get("next_page_token").getAsString()).json()));
    ApiResponse backwards = own.get("ListPaymentIntents?created_from=" + created.get(2) + "&created_to=" + created.get(0));
    assertEquals(400, backwards.status(), backwards::toString);
    assertEquals("created_to", backwards.errorField());
    ApiResponse notATime = own.get("ListPaymentIntents?created_from=yesterday");
    assertEquals(400, notATime.status());
    assertEquals("created_from", notATime.errorField());
  }

  private static List<String> idsOf(JsonObject page) {
    List<String> ids = new ArrayList<>();
    page.getAsJsonArray("payment_intents").forEach(e -> ids.add(e.getAsJsonObject().get("id").getAsString()));
    return ids;
  }

  static JsonObject balance(ApiClient client, String currency) {
    ApiResponse answer = client.get("GetBalance");
    assertEquals(200, answer.status(), answer::toString);
    for (JsonElement balance : answer.json().getAsJsonArray("balances")) {
      if (balance.getAsJsonObject().get("currency").getAsString().equals(currency)) {
        assertEquals(0, sum(balance.getAsJsonObject().getAsJsonObject("accounts")), "accounts of a currency sum to zero");
        return balance.getAsJsonObject();
      }
    }
    throw new AssertionError("no " + currency + " balance in " + answer);
  }

  /** Every transaction's debits equal its credits. */
  static void assertBalanced(JsonArray entries) {
    Map<String, Long> byTransaction = new HashMap<>();
    for (JsonElement element : entries) {
      JsonObject entry = element.getAsJsonObject();
      long signed = entry.get("direction").getAsString().equals("debit") ? entry.get("amount").getAsLong()
          : -entry.get("amount").getAsLong();
      byTransaction.merge(entry.get("transaction_id").getAsString(), signed, Long::sum);
    }
    byTransaction.forEach((tx, sum) -> assertEquals(0L, sum, "transaction " + tx + " is unbalanced"));
  }

  private static long sum(JsonObject accounts) {
    return accounts.entrySet().stream().mapToLong(e -> e.getValue().getAsLong()).sum();
  }
}
