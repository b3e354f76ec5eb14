package com.agenthub.functions.payments;

import static com.agenthub.functions.payments.PaymentCalls.create;
import static com.agenthub.functions.payments.PaymentCalls.paid;
import static com.agenthub.functions.payments.PaymentCalls.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the outbox into BigQuery (bigquery-local): one payment_transactions row per ledger
 * transaction with an exact NUMERIC amount, the intents' change log and latest view, and the
 * reconciliation view agreeing with the intents.
 */
class PaymentsWarehouseTest {

  @Test
  void ledgerTransactionsAndIntentChangesReachTheWarehouseExactly() {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Payments warehouse");
    String id = paid(tenant.client(), 1050).get("id").getAsString();
    assertEquals(201, post(tenant.client(), "CreateRefund", "{\"payment_intent_id\": \"" + id + "\", \"amount\": 50}").status());
    String yen = create(tenant.client(), "{\"amount\": 500, \"currency\": \"jpy\", \"payment_method\": \"pm_card_visa\"}")
        .get("id").getAsString();
    PaymentCalls.awaitStatus(tenant.client(), yen, "succeeded");

    assertEquals(3, WarehouseProbe.awaitCount("payment_transactions", "organization_id", tenant.organizationId(), 3,
        Duration.ofSeconds(60)));
    Map<String, QueryParameter> intent = Map.of("id", QueryParameter.string(id));
    List<Map<String, Object>> rows = WarehouseProbe.query("SELECT kind, CAST(amount AS STRING) AS amount, amount_minor, "
        + "currency, status FROM {payment_transactions} WHERE transaction_id = @id ORDER BY created_at", intent);
    assertEquals(List.of("payment_received", "refund"), rows.stream().map(r -> r.get("kind")).toList());
    assertExactly("10.50", rows.get(0).get("amount"));
    assertEquals(1050L, rows.get(0).get("amount_minor"));
    assertEquals("USD", rows.get(0).get("currency"));
    assertExactly("0.50", rows.get(1).get("amount"));
    assertExactly("500", WarehouseProbe.query("SELECT CAST(amount AS STRING) AS amount FROM {payment_transactions} "
        + "WHERE transaction_id = @id", Map.of("id", QueryParameter.string(yen))).get(0).get("amount"));

    assertEquals(3, WarehouseProbe.awaitCount("payment_intents", "payment_intent_id", id, 3, Duration.ofSeconds(60)),
        "created, paid, refunded");
    Map<String, Object> latest = WarehouseProbe.query("SELECT status, amount_received, amount_refunded FROM "
        + "{payment_intents_latest} WHERE payment_intent_id = @id", intent).get(0);
    assertEquals("succeeded", latest.get("status"));
    assertEquals(1050L, latest.get("amount_received"));
    assertEquals(50L, latest.get("amount_refunded"));
    Map<String, Object> reconciled = WarehouseProbe.query("SELECT ledger_received, ledger_refunded, matches FROM "
        + "{payment_ledger_reconciliation} WHERE payment_intent_id = @id", intent).get(0);
    assertEquals(1050L, reconciled.get("ledger_received"));
    assertEquals(50L, reconciled.get("ledger_refunded"));
    assertEquals(true, reconciled.get("matches"));
  }

  /** NUMERIC as text, compared as a decimal: BigQuery writes 10.5, bigquery-local 10.500000000. */
  private static void assertExactly(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(new BigDecimal((String) actual)), expected + " vs " + actual);
  }
}
