package com.agenthub.shared.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.paging.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A legacy intent imported as history: its ledger says what its amounts say (GetBalance and
 * ListLedgerEntries agree), a re-run writes nothing, a history that does not add up is refused
 * naming the field, and the imported intent is never handed to the processor again.
 */
class LegacyPaymentImportTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final LegacyPaymentImports imports = new LegacyPaymentImports(store, Clock.systemUTC());
  private final Ledger ledger = new Ledger(store);

  @Test
  void aRefundedPaymentBecomesItsLedgerAndBalance() {
    var imported = imports.importIntent("org", intent("pi_1", "usd", 5000, PaymentStatus.SUCCEEDED, 5000, 1000,
        tx("txn_1", LegacyTransaction.Kind.PAYMENT, 5000, "usd", "2026-10-01T09:00:05Z"),
        tx("txn_2", LegacyTransaction.Kind.REFUND, 1000, "usd", "2026-10-03T12:00:00Z")));
    assertTrue(imported.created());
    PaymentIntent intent = imported.intent();
    assertEquals(Optional.of("pi_1"), intent.legacyId());
    assertEquals(LegacyPaymentImports.PROCESSOR, intent.processor());
    assertEquals(Instant.parse("2026-10-01T09:00:00Z"), intent.createdAt());
    Balance usd = ledger.balances("org").get(0);
    assertEquals(4000, usd.received());
    assertEquals(0, usd.total());
    var entries = ledger.entries("org", Optional.of(intent.id()), new PageRequest(100, Optional.empty())).items();
    assertEquals(4, entries.size());
    assertEquals(Instant.parse("2026-10-01T09:00:05Z"), entries.get(0).createdAt());
    assertEquals(LegacyIntent.transactionId("txn_2"), entries.get(3).transactionId());
  }

  @Test
  void anAuthorizationStillHeldIsCapturableAndManualInAZeroDecimalCurrency() {
    PaymentIntent intent = imports.importIntent("org", intent("pi_jpy", "jpy", 3000, PaymentStatus.REQUIRES_CAPTURE, 0, 0,
        tx("a1", LegacyTransaction.Kind.AUTHORIZATION, 3000, "jpy", "2026-10-01T09:00:00Z"))).intent();
    assertEquals(3000, intent.amountCapturable());
    assertEquals(CaptureMethod.MANUAL, intent.captureMethod());
    assertEquals(3000, ledger.balances("org").get(0).held());
    ApiError refused = assertThrows(ApiError.class, () -> new PaymentActions(store, new AgreeingProcessor(), Clock.systemUTC())
        .capture("org", intent.id(), Optional.empty()));
    assertEquals(ErrorKind.CONFLICT, refused.kind());
    assertEquals(Optional.of("processor"), refused.field());
  }

  @Test
  void aReRunAnswersTheSameIntentAndWritesNothing() {
    LegacyIntent legacy = intent("pi_2", "eur", 1200, PaymentStatus.SUCCEEDED, 1200, 0,
        tx("p", LegacyTransaction.Kind.PAYMENT, 1200, "eur", "2026-10-01T09:00:00Z"));
    PaymentIntent first = imports.importIntent("org", legacy).intent();
    var again = imports.importIntent("org", legacy);
    assertFalse(again.created());
    assertEquals(first.id(), again.intent().id());
    assertEquals(2, ledger.balances("org").get(0).entries(), "one payment: two entries, once");
    ApiError other = assertThrows(ApiError.class, () -> imports.importIntent("org",
        intent("pi_2", "eur", 1300, PaymentStatus.SUCCEEDED, 1300, 0, tx("p", LegacyTransaction.Kind.PAYMENT, 1300, "eur", "2026-10-01T09:00:00Z"))));
    assertEquals(ErrorKind.CONFLICT, other.kind());
    assertEquals(Optional.of("legacy_id"), other.field());
  }

  @Test
  void aBatchAnswersEachIntentAndCommitsTheNewOnesTogether() {
    imports.importIntent("org", intent("pi_same", "usd", 700, PaymentStatus.SUCCEEDED, 700, 0,
        tx("s", LegacyTransaction.Kind.PAYMENT, 700, "usd", "2026-10-01T09:00:00Z")));
    imports.importIntent("org", intent("pi_moved", "usd", 800, PaymentStatus.SUCCEEDED, 800, 0,
        tx("m", LegacyTransaction.Kind.PAYMENT, 800, "usd", "2026-10-01T09:00:00Z")));
    List<List<com.agenthub.shared.port.Write>> commits = new java.util.ArrayList<>();
    LegacyPaymentImports counted = new LegacyPaymentImports(
        new com.agenthub.shared.changes.AfterCommitDocumentStore(store, commits::add), Clock.systemUTC());

    var items = counted.importAll("org", List.of(
        intent("pi_new", "usd", 500, PaymentStatus.SUCCEEDED, 500, 0, tx("n", LegacyTransaction.Kind.PAYMENT, 500, "usd", "2026-10-01T09:00:00Z")),
        intent("pi_same", "usd", 700, PaymentStatus.SUCCEEDED, 700, 0, tx("s", LegacyTransaction.Kind.PAYMENT, 700, "usd", "2026-10-01T09:00:00Z")),
        intent("pi_moved", "usd", 900, PaymentStatus.SUCCEEDED, 900, 0, tx("m", LegacyTransaction.Kind.PAYMENT, 900, "usd", "2026-10-01T09:00:00Z")),
        intent("pi_new2", "usd", 100, PaymentStatus.CANCELED, 0, 0)));

    assertTrue(items.get(0).result().orElseThrow().created());
    assertFalse(items.get(1).result().orElseThrow().created());
    assertEquals(ErrorKind.CONFLICT, items.get(2).error().orElseThrow().kind());
    assertEquals(Optional.of("intents[2].legacy_id"), items.get(2).error().orElseThrow().field());
    assertTrue(items.get(3).result().orElseThrow().created());
    assertEquals(1, commits.size(), "the two new intents in one commit");
    assertEquals(2000, ledger.balances("org").get(0).received(), "700 + 800 before, 500 now");

    commits.clear();
    assertTrue(counted.importAll("org", List.of(intent("pi_new", "usd", 500, PaymentStatus.SUCCEEDED, 500, 0,
        tx("n", LegacyTransaction.Kind.PAYMENT, 500, "usd", "2026-10-01T09:00:00Z")))).get(0).result().isPresent());
    assertEquals(0, commits.size(), "a re-run writes nothing");
  }

  @Test
  void aBatchRefusesALegacyIdTwiceAndSplitsCommitsAtFirestoresLimit() {
    LegacyIntent once = intent("pi_x", "usd", 500, PaymentStatus.CANCELED, 0, 0);
    ApiError twice = assertThrows(ApiError.class, () -> imports.importAll("org", List.of(once, once)));
    assertEquals(Optional.of("intents[1].legacy_id"), twice.field());
    assertTrue(ledger.balances("org").isEmpty());

    List<List<com.agenthub.shared.port.Write>> commits = new java.util.ArrayList<>();
    LegacyPaymentImports counted = new LegacyPaymentImports(
        new com.agenthub.shared.changes.AfterCommitDocumentStore(store, commits::add), Clock.systemUTC());
    List<LegacyIntent> batch = new java.util.ArrayList<>();
    for (int i = 0; i < LegacyPaymentImports.MAX_BATCH; i++) {
      // The intent and its record, and per transaction two entries and a record: 8 writes each, 800 in all.
      batch.add(intent("pi_" + i, "usd", 1000, PaymentStatus.SUCCEEDED, 1000, 100,
          tx("p" + i, LegacyTransaction.Kind.PAYMENT, 1000, "usd", "2026-10-01T09:00:00Z"),
          tx("r" + i, LegacyTransaction.Kind.REFUND, 100, "usd", "2026-10-02T09:00:00Z")));
    }
    assertTrue(counted.importAll("org", batch).stream().allMatch(i -> i.result().orElseThrow().created()));
    assertEquals(2, commits.size());
    assertTrue(commits.stream().allMatch(c -> c.size() <= LegacyPaymentImports.MAX_WRITES_PER_COMMIT));
    assertEquals(90_000, ledger.balances("org").get(0).received());
  }

  @Test
  void aHistoryThatDoesNotAddUpIsRefusedNamingTheField() {
    assertField("amount_received", () -> intent("x", "usd", 5000, PaymentStatus.SUCCEEDED, 5000, 0,
        tx("p", LegacyTransaction.Kind.PAYMENT, 4000, "usd", "2026-10-01T09:00:00Z")));
    assertField("amount_refunded", () -> intent("x", "usd", 5000, PaymentStatus.SUCCEEDED, 5000, 500,
        tx("p", LegacyTransaction.Kind.PAYMENT, 5000, "usd", "2026-10-01T09:00:00Z")));
    assertField("transactions[1].amount", () -> intent("x", "usd", 5000, PaymentStatus.SUCCEEDED, 5000, 6000,
        tx("p", LegacyTransaction.Kind.PAYMENT, 5000, "usd", "2026-10-01T09:00:00Z"),
        tx("r", LegacyTransaction.Kind.REFUND, 6000, "usd", "2026-10-02T09:00:00Z")));
    assertField("status", () -> intent("x", "usd", 5000, PaymentStatus.CANCELED, 5000, 0,
        tx("p", LegacyTransaction.Kind.PAYMENT, 5000, "usd", "2026-10-01T09:00:00Z")));
    assertField("transactions[0].currency", () -> intent("x", "usd", 5000, PaymentStatus.SUCCEEDED, 5000, 0,
        tx("p", LegacyTransaction.Kind.PAYMENT, 5000, "eur", "2026-10-01T09:00:00Z")));
    assertField("amount", () -> intent("x", "kwd", 5005, PaymentStatus.PROCESSING, 0, 0));
    assertTrue(ledger.balances("org").isEmpty(), "nothing written");
  }

  private static void assertField(String field, org.junit.jupiter.api.function.Executable build) {
    ApiError e = assertThrows(ApiError.class, build);
    assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind(), e.getMessage());
    assertEquals(Optional.of(field), e.field(), e.getMessage());
  }

  @SafeVarargs
  private static LegacyIntent intent(String id, String currency, long amount, PaymentStatus status, long received, long refunded,
      java.util.function.Function<Currencies.Currency, LegacyTransaction>... transactions) {
    Currencies.Currency c = Currencies.require("currency", currency);
    List<LegacyTransaction> list = new java.util.ArrayList<>();
    for (int i = 0; i < transactions.length; i++) {
      list.add(transactions[i].apply(c));
    }
    return new LegacyIntent(id, amount, c, status, received, refunded, Optional.empty(), Optional.of("cus_1"),
        Map.of("order", "42"), Optional.empty(), Instant.parse("2026-10-01T09:00:00Z"), list);
  }

  private static java.util.function.Function<Currencies.Currency, LegacyTransaction> tx(String id, LegacyTransaction.Kind kind,
      long amount, String currency, String at) {
    int index = 0;
    return c -> new LegacyTransaction("transactions[" + index + "]", id, kind, amount, currency, c, Instant.parse(at));
  }
}
