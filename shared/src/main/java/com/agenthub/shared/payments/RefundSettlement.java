package com.agenthub.shared.payments;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.Contention;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where a refund ends, whoever learns it first — the processor's answer to our call, a webhook, or
 * reconciliation asking the processor: pending → succeeded, and pending or succeeded → failed with
 * the amount returned to the intent by a reversing ledger transaction (Stripe can fail a refund it
 * first reported succeeded). Failed is final and nothing moves backwards. Each move is one
 * conditional commit that also ends the refund's entry in the pending index; an event that causes
 * it records its id in that same commit, so it applies exactly once.
 */
final class RefundSettlement {

  /** What a settlement did: moved the refund, only recorded the event, or found the event already applied. */
  enum Result { MOVED, NOT_MOVED, DUPLICATE }

  record Settled(Result result, Refund refund) {}

  private final DocumentStore store;
  private final Clock clock;

  RefundSettlement(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Applies the processor's view of one of our refunds. {@code eventMarker}: the processed-event
   * record of the webhook that told us, created in the same commit (its existence means duplicate).
   */
  Settled settle(String organizationId, String refundId, PaymentProcessor.ProcessorRefund outcome,
      Optional<Write> eventMarker) {
    return settle(organizationId, refundId, outcome, eventMarker, Optional.empty());
  }

  /** {@code known}: the refund as the caller just wrote it, spared a read on the first attempt (a lost race reads). */
  Settled settle(String organizationId, String refundId, PaymentProcessor.ProcessorRefund outcome,
      Optional<Write> eventMarker, Optional<StoredDocument> known) {
    AtomicReference<Optional<StoredDocument>> firstAttempt = new AtomicReference<>(known);
    return Contention.retry("the refund", () -> {
      StoredDocument stored = firstAttempt.getAndSet(Optional.empty()).or(() -> store.get(PaymentPaths.refund(organizationId,
          refundId))).orElseThrow(() -> new IllegalStateException("no refund " + refundId + " in organization " + organizationId));
      String status = stored.string("status");
      Instant now = Timestamps.now(clock);
      List<Write> writes = new ArrayList<>();
      eventMarker.ifPresent(writes::add);
      Map<String, Object> after = new LinkedHashMap<>(stored.data());
      boolean moves = !Refund.FAILED.equals(status) && (Refund.FAILED.equals(outcome.status())
          || (Refund.SUCCEEDED.equals(outcome.status()) && Refund.PENDING.equals(status)));
      if (moves) {
        Map<String, Object> fields = Map.of("status", outcome.status(), "processor_refund_id", outcome.id());
        after.putAll(fields);
        writes.add(Write.update(stored.path(), fields, Optional.of(stored.version())));
        writes.add(IntentDocuments.refundRecord(Change.UPDATED, after, now));
        writes.add(Write.delete(PaymentPaths.pendingRefund(organizationId, refundId), Optional.empty()));
        if (Refund.FAILED.equals(outcome.status())) {
          writes.addAll(reversal(organizationId, stored, now));
        }
      } else if (Refund.PENDING.equals(status) && !outcome.id().isEmpty() && stored.string("processor_refund_id") == null) {
        // Still pending at the processor: remember its id, so reconciliation can ask about it.
        Map<String, Object> fields = Map.of("processor_refund_id", outcome.id());
        after.putAll(fields);
        writes.add(Write.update(stored.path(), fields, Optional.of(stored.version())));
        writes.add(IntentDocuments.refundRecord(Change.UPDATED, after, now));
      }
      if (!writes.isEmpty()) {
        try {
          store.commit(writes);
        } catch (StoreException e) {
          if (e.reason() == StoreException.Reason.ALREADY_EXISTS && eventMarker.isPresent()) {
            return new Settled(Result.DUPLICATE, IntentDocuments.refundOf(stored));
          }
          throw e;
        }
      }
      StoredDocument settled = new StoredDocument(stored.path(), after, stored.version());
      return new Settled(moves ? Result.MOVED : Result.NOT_MOVED, IntentDocuments.refundOf(settled));
    });
  }

  /** The amount goes back to the intent (what is left to refund grows again), with its reversing ledger transaction. */
  private List<Write> reversal(String organizationId, StoredDocument refund, Instant now) {
    String intentId = refund.string("payment_intent_id");
    StoredDocument current = PaymentIntents.load(store, organizationId, intentId);
    long amount = refund.longValue("amount");
    Map<String, Object> fields = Map.of("amount_refunded", current.longValue("amount_refunded") - amount, "updated_at", now);
    Map<String, Object> after = new LinkedHashMap<>(current.data());
    after.putAll(fields);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.update(current.path(), fields, Optional.of(current.version())));
    writes.add(IntentDocuments.changeRecord(Change.UPDATED, after, now));
    writes.addAll(IntentDocuments.ledgerWrites(
        LedgerPostings.refundReversal(organizationId, intentId, refund.string("currency"), now, amount),
        current.string("status"), after, now));
    return writes;
  }
}
