package com.agenthub.functions.payments;

import static com.agenthub.functions.payments.PaymentCalls.create;
import static com.agenthub.functions.payments.PaymentCalls.paid;
import static com.agenthub.functions.payments.PaymentCalls.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a caller may send: amounts per currency, required idempotency keys, and only its own payments. */
class PaymentInputHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Payment input test");

  /** amount (as JSON text), currency, expected status; a 400 must name amount and create nothing. */
  private static final Object[][] AMOUNTS = {
      {"1050", "usd", 201}, {"50", "usd", 201}, {"49", "usd", 400}, {"10.5", "usd", 400}, {"10.0", "usd", 400},
      {"1e3", "usd", 400}, {"\"1050\"", "usd", 400}, {"-100", "usd", 400}, {"0", "usd", 400}, {"true", "usd", 400},
      {"99999999", "usd", 201}, {"100000000", "usd", 400}, {"9223372036854775808", "usd", 400},
      {"500", "jpy", 201}, {"49", "jpy", 400}, {"500.5", "jpy", 400},
      {"1000", "kwd", 201}, {"1005", "kwd", 400}, {"5", "kwd", 400},
      {"10000", "isk", 201}, {"10050", "isk", 400}, {"50", "isk", 400},
      {"1000", "krw", 201}, {"1000", "bhd", 201}, {"1001", "bhd", 400},
  };

  @Test
  void amountsAreIntegersOfMinorUnitsByEachCurrencysRulesAndNeverRounded() {
    List<String> wrong = new ArrayList<>();
    for (Object[] row : AMOUNTS) {
      String body = "{\"amount\": " + row[0] + ", \"currency\": \"" + row[1] + "\"}";
      ApiResponse answer = post(org, "CreatePaymentIntent", body);
      int expected = (Integer) row[2];
      if (answer.status() != expected) {
        wrong.add(body + " -> " + answer);
      } else if (expected == 400 && !"amount".equals(answer.errorField())) {
        wrong.add(body + " -> field " + answer.errorField());
      } else if (expected == 201 && answer.json().get("amount").getAsLong() != Long.parseLong((String) row[0])) {
        wrong.add(body + " -> stored " + answer.json().get("amount"));
      }
    }
    assertEquals(List.of(), wrong);
    int accepted = (int) java.util.Arrays.stream(AMOUNTS).filter(r -> (Integer) r[2] == 201).count();
    assertEquals(accepted, org.get("ListPaymentIntents?page_size=100").json().getAsJsonArray("payment_intents").size(),
        "a refused amount creates nothing");
  }

  @Test
  void otherFieldsAreCheckedTooAndNamed() {
    assertField(post(org, "CreatePaymentIntent", "{\"amount\": 100, \"currency\": \"USD\"}"), "currency");
    assertField(post(org, "CreatePaymentIntent", "{\"amount\": 100}"), "currency");
    assertField(post(org, "CreatePaymentIntent", "{\"currency\": \"usd\"}"), "amount");
    assertField(post(org, "CreatePaymentIntent", "{\"amount\": 100, \"currency\": \"usd\", \"capture_method\": \"later\"}"),
        "capture_method");
    assertField(post(org, "CreatePaymentIntent", "{\"amount\": 100, \"currency\": \"usd\", \"metadata\": {\"n\": 1}}"),
        "metadata");
    assertField(post(org, "CreatePaymentIntent", "{\"amount\": 100, \"currency\": \"usd\", \"card_number\": \"4242\"}"),
        "card_number");
    assertField(post(org, "CreatePaymentIntent", "{\"amount\": 100, \"currency\": \"usd\", \"payment_method\": \"4242424242424242\"}"),
        "payment_method");
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 51; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
    }
    assertField(post(org, "CreatePaymentIntent", "{\"amount\": 100, \"currency\": \"usd\", \"metadata\": " + many + "}}"),
        "metadata");
  }

  @Test
  void idempotencyKeysAreRequiredReplayedAndBoundToTheirRequest() {
    for (String function : List.of("CreatePaymentIntent", "CapturePaymentIntent", "CancelPaymentIntent", "CreateRefund")) {
      ApiResponse missing = org.post(function, "{\"amount\": 100, \"currency\": \"usd\"}");
      assertEquals(400, missing.status(), function + ": " + missing);
      assertEquals("Idempotency-Key", missing.errorField());
    }
    String key = UUID.randomUUID().toString();
    String body = "{\"amount\": 700, \"currency\": \"usd\"}";
    ApiResponse first = post(org, "CreatePaymentIntent", body, key);
    ApiResponse again = post(org, "CreatePaymentIntent", body, key);
    assertEquals(201, again.status());
    assertEquals("true", again.header("Idempotent-Replayed").orElse(null));
    assertEquals(first.json(), again.json(), "the first reply, replayed verbatim");
    ApiResponse other = post(org, "CreatePaymentIntent", "{\"amount\": 701, \"currency\": \"usd\"}", key);
    assertEquals(422, other.status(), other::toString);
    assertEquals(1, org.get("ListPaymentIntents").json().getAsJsonArray("payment_intents").size());

    String id = paid(org, 900).get("id").getAsString();
    String refundKey = UUID.randomUUID().toString();
    String refund = "{\"payment_intent_id\": \"" + id + "\", \"amount\": 100}";
    assertEquals(201, post(org, "CreateRefund", refund, refundKey).status());
    assertEquals(201, post(org, "CreateRefund", refund, refundKey).status());
    assertEquals(100, PaymentCalls.get(org, id).get("amount_refunded").getAsLong(), "a retried refund refunds once");
  }

  @Test
  void everyPaymentFunctionAnswersAnotherTenantsIntentExactlyLikeAMissingOne() {
    ApiClient owner = LocalStackFixture.newOrganization("Payment owner");
    JsonObject theirs = paid(owner, 1000);
    String id = theirs.get("id").getAsString();
    for (String target : new String[] {id, "ZZZZZZZZZZZZZZZZZZZZ"}) {
      assertNotFound(org.get("GetPaymentIntent?payment_intent_id=" + target));
      assertNotFound(org.get("ListLedgerEntries?payment_intent_id=" + target));
      assertNotFound(post(org, "CapturePaymentIntent", "{\"payment_intent_id\": \"" + target + "\"}"));
      assertNotFound(post(org, "CancelPaymentIntent", "{\"payment_intent_id\": \"" + target + "\"}"));
      assertNotFound(post(org, "CreateRefund", "{\"payment_intent_id\": \"" + target + "\", \"amount\": 1}"));
    }
    create(org, "{\"amount\": 100, \"currency\": \"usd\"}");
    assertTrue(org.get("ListPaymentIntents").body().contains("\"payment_intents\""));
    assertTrue(!org.get("ListPaymentIntents").body().contains(id));
    assertTrue(!org.get("ListLedgerEntries").body().contains(id));
    assertEquals(0, org.get("GetBalance").json().getAsJsonArray("balances").size(), "no money moved in this organization");
    assertEquals(0, PaymentCalls.get(owner, id).get("amount_refunded").getAsLong());
    assertEquals(theirs.get("etag"), PaymentCalls.get(owner, id).get("etag"), "the owner's intent is untouched");
  }

  private static void assertField(ApiResponse answer, String field) {
    assertEquals(400, answer.status(), answer::toString);
    assertEquals(field, answer.errorField(), answer::toString);
  }

  private static void assertNotFound(ApiResponse answer) {
    assertEquals(404, answer.status(), answer::toString);
    assertEquals("not_found", answer.errorCode());
  }
}
