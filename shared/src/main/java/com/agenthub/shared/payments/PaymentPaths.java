package com.agenthub.shared.payments;

import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;

/** Where payments live: everything of a tenant under its organization, plus the processor's index. */
final class PaymentPaths {

  private PaymentPaths() {}

  /**
   * An id derived from a caller's Idempotency-Key: a request retried after a crash (its key's
   * reply never stored) finds the same intent or refund, and the processor sees the same key.
   */
  static String derivedId(String kind, String organizationId, String idempotencyKey) {
    return Sha256.hex(kind + "\n" + organizationId + "\n" + idempotencyKey).substring(0, 20);
  }

  static CollectionPath intents(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "payment_intents");
  }

  static DocumentPath intent(String organizationId, String intentId) {
    return intents(organizationId).document(intentId);
  }

  static CollectionPath ledgerEntries(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "ledger_entries");
  }

  static DocumentPath refund(String organizationId, String refundId) {
    return CollectionPath.of("organizations", organizationId, "refunds").document(refundId);
  }

  /** A processor event applied (or deliberately not applied) to one of the tenant's intents: its id, once. */
  static DocumentPath processedEvent(String organizationId, String eventId) {
    return CollectionPath.of("organizations", organizationId, "payment_events").document(Sha256.hex(eventId).substring(0, 40));
  }

  /**
   * Our own record of which tenant and intent a processor intent belongs to: a webhook names only
   * the processor's id, and its metadata is never trusted for the organization.
   */
  static DocumentPath processorIntent(String processor, String processorIntentId) {
    return processorIntents().document(Sha256.hex(processor + "\n" + processorIntentId).substring(0, 40));
  }

  static CollectionPath processorIntents() {
    return CollectionPath.of("payment_processor_intents");
  }

  static CollectionPath unmatchedEvents() {
    return CollectionPath.of("unmatched_payment_events");
  }

  /** Events for processor intents we do not know, kept for reconciliation. */
  static DocumentPath unmatchedEvent(String eventId) {
    return unmatchedEvents().document(Sha256.hex(eventId).substring(0, 40));
  }

  /**
   * Refunds the processor has not settled yet, across tenants, oldest first for reconciliation: an
   * entry is created with the refund's reservation and deleted in the commit that settles it.
   */
  static CollectionPath pendingRefunds() {
    return CollectionPath.of("payment_pending_refunds");
  }

  static DocumentPath pendingRefund(String organizationId, String refundId) {
    return pendingRefunds().document(Sha256.hex(organizationId + "\n" + refundId).substring(0, 40));
  }
}
