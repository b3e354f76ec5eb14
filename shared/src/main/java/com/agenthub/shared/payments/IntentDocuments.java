package com.agenthub.shared.payments;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.PaymentIntentChangeRow;
import com.agenthub.shared.warehouse.PaymentRefundChangeRow;
import com.agenthub.shared.warehouse.PaymentTransactionRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Payment intents and ledger entries as Firestore documents, and the outbox records of their changes. */
final class IntentDocuments {

  private IntentDocuments() {}

  @SuppressWarnings("unchecked")
  static PaymentIntent fromDocument(StoredDocument doc) {
    Map<String, Object> data = doc.data();
    return new PaymentIntent(doc.id(), doc.string("organization_id"), doc.longValue("amount"), doc.string("currency"),
        PaymentStatus.valueOf(doc.string("status").toUpperCase(java.util.Locale.ROOT)),
        CaptureMethod.valueOf(doc.string("capture_method").toUpperCase(java.util.Locale.ROOT)),
        doc.longValue("amount_capturable"), doc.longValue("amount_received"), doc.longValue("amount_refunded"),
        Optional.ofNullable(doc.string("description")), Optional.ofNullable(doc.string("customer_ref")),
        (Map<String, String>) data.getOrDefault("metadata", Map.of()), doc.string("processor"),
        doc.string("processor_intent_id"), Optional.ofNullable(doc.string("cancellation_reason")),
        Optional.ofNullable((Map<String, Object>) data.get("last_payment_error")),
        doc.instant("created_at"), doc.instant("updated_at"), doc.version(), Optional.ofNullable(doc.string("legacy_id")));
  }

  static Map<String, Object> entryDocument(LedgerEntry entry) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", entry.id());
    data.put("transaction_id", entry.transactionId());
    data.put("organization_id", entry.organizationId());
    data.put("payment_intent_id", entry.paymentIntentId());
    data.put("kind", entry.kind());
    data.put("account", entry.account().wire());
    data.put("direction", entry.direction().wire());
    data.put("amount", entry.amount());
    data.put("currency", entry.currency());
    data.put("created_at", entry.createdAt());
    return data;
  }

  static LedgerEntry entryFromDocument(StoredDocument doc) {
    return new LedgerEntry(doc.id(), doc.string("transaction_id"), doc.string("organization_id"),
        doc.string("payment_intent_id"), doc.string("kind"), LedgerAccount.parse(doc.string("account")),
        LedgerEntry.Direction.valueOf(doc.string("direction").toUpperCase(java.util.Locale.ROOT)),
        doc.longValue("amount"), doc.string("currency"), doc.instant("created_at"));
  }

  /** The writes of one ledger transaction: its entries and its payment_transactions row, created once. */
  static List<Write> ledgerWrites(LedgerTransaction tx, String status, Map<String, Object> intent, Instant at) {
    return ledgerWrites(tx, status, intent, at, at);
  }

  /** The same, for a movement that happened at {@code occurredAt} and is recorded now (imported history). */
  static List<Write> ledgerWrites(LedgerTransaction tx, String status, Map<String, Object> intent, Instant occurredAt,
      Instant recordedAt) {
    List<Write> writes = new ArrayList<>();
    for (LedgerEntry entry : tx.entries()) {
      writes.add(Write.create(PaymentPaths.ledgerEntries(entry.organizationId()).document(entry.id()), entryDocument(entry)));
    }
    PaymentTransactionRow row = new PaymentTransactionRow(Ids.newId(), tx.id(), (String) intent.get("organization_id"),
        tx.paymentIntentId(), tx.kind(), Currencies.major(tx.amount(), tx.currency()), tx.amount(),
        Currencies.upper(tx.currency()), status, JsonText.of(intent.getOrDefault("metadata", Map.of())), occurredAt);
    writes.add(Outbox.record(Change.of(row), recordedAt));
    return writes;
  }

  /** The outbox record of a refund change, carrying the refund's state after it. */
  static Write refundRecord(String changeType, Map<String, Object> refund, Instant at) {
    PaymentRefundChangeRow row = new PaymentRefundChangeRow(Ids.newId(), changeType, at,
        (String) refund.get("organization_id"), (String) refund.get("id"), (String) refund.get("payment_intent_id"),
        ((Number) refund.get("amount")).longValue(), (String) refund.get("currency"), (String) refund.get("status"),
        Optional.ofNullable((String) refund.get("reason")),
        Optional.ofNullable((String) refund.get("processor_refund_id")).filter(s -> !s.isEmpty()),
        (Instant) refund.get("created_at"));
    return Outbox.record(Change.of(row), at);
  }

  /** The outbox record of an intent change, carrying the intent's state after it. */
  @SuppressWarnings("unchecked")
  static Write changeRecord(String changeType, Map<String, Object> intent, Instant at) {
    PaymentIntentChangeRow row = new PaymentIntentChangeRow(Ids.newId(), changeType, at,
        (String) intent.get("organization_id"), (String) intent.get("id"), (Long) intent.get("amount"),
        (String) intent.get("currency"), (String) intent.get("status"), (String) intent.get("capture_method"),
        (Long) intent.get("amount_capturable"), (Long) intent.get("amount_received"), (Long) intent.get("amount_refunded"),
        Optional.ofNullable((String) intent.get("description")), Optional.ofNullable((String) intent.get("customer_ref")),
        JsonText.of(intent.getOrDefault("metadata", Map.of())), (String) intent.get("processor"),
        (String) intent.get("processor_intent_id"), Optional.ofNullable((String) intent.get("cancellation_reason")),
        (Instant) intent.get("created_at"), (Instant) intent.get("updated_at"));
    return Outbox.record(Change.of(row), at);
  }

  static Map<String, Object> refundDocument(Refund refund) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", refund.id());
    data.put("organization_id", refund.organizationId());
    data.put("payment_intent_id", refund.paymentIntentId());
    data.put("amount", refund.amount());
    data.put("currency", refund.currency());
    data.put("status", refund.status());
    data.put("reason", refund.reason().orElse(null));
    data.put("processor_refund_id", refund.processorRefundId().orElse(null));
    data.put("created_at", refund.createdAt());
    return data;
  }

  static Refund refundOf(StoredDocument doc) {
    return new Refund(doc.id(), doc.string("organization_id"), doc.string("payment_intent_id"), doc.longValue("amount"),
        doc.string("currency"), doc.string("status"), Optional.ofNullable(doc.string("reason")),
        Optional.ofNullable(doc.string("processor_refund_id")).filter(id -> !id.isEmpty()), doc.instant("created_at"));
  }
}
