package com.agenthub.shared.payments;

import com.agenthub.shared.versions.Contention;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoredDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catches up on what webhooks missed: every intent that has waited on the processor past a
 * threshold is retrieved from it and moved through the same transition code as a webhook (so
 * forward only, with its ledger transaction). A move made here is drift, logged and counted.
 */
public final class PaymentReconciliation {

  /** Webhooks normally arrive within seconds; an intent silent this long is asked about. */
  public static final Duration DEFAULT_AFTER = Duration.ofMinutes(10);
  /** Intents checked per run, oldest first; the next run continues. */
  static final int BATCH = 200;

  /** What one run did: intents checked and moved, refunds checked and settled, and what failed (retried next run). */
  public record Report(int checked, int drifted, int failed, int refundsChecked, int refundsSettled) {

    public Report(int checked, int drifted, int failed) {
      this(checked, drifted, failed, 0, 0);
    }
  }

  private final DocumentStore store;
  private final PaymentProcessor processor;
  private final Clock clock;
  private final RefundSettlement refunds;

  public PaymentReconciliation(DocumentStore store, PaymentProcessor processor, Clock clock) {
    this.store = store;
    this.processor = processor;
    this.clock = clock;
    this.refunds = new RefundSettlement(store, clock);
  }

  public Report reconcile(Duration after) {
    Instant cutoff = Timestamps.now(clock).minus(after);
    List<StoredDocument> waiting = store.query(Query.all(PaymentPaths.processorIntents(), BATCH)
        .where("awaiting_processor", true).orderBy("updated_at"));
    int checked = 0;
    int drifted = 0;
    int failed = 0;
    for (StoredDocument index : waiting) {
      if (!index.instant("updated_at").isBefore(cutoff) || !processor.name().equals(index.string("processor"))) {
        continue;
      }
      checked++;
      try {
        if (reconcileOne(index)) {
          drifted++;
        }
      } catch (RuntimeException e) {
        failed++;
        StructuredLog.warning("payment reconciliation failed for one intent: " + e.getMessage(),
            Map.of("payment_intent_id", index.string("payment_intent_id")));
      }
    }
    int refundsChecked = 0;
    int refundsSettled = 0;
    List<StoredDocument> pending = store.query(Query.all(PaymentPaths.pendingRefunds(), BATCH).orderBy("created_at"));
    for (StoredDocument entry : pending) {
      if (!entry.instant("created_at").isBefore(cutoff)) {
        break;
      }
      refundsChecked++;
      try {
        if (settleRefund(entry.string("organization_id"), entry.string("refund_id"))) {
          refundsSettled++;
        }
      } catch (RuntimeException e) {
        failed++;
        StructuredLog.warning("payment reconciliation failed for one refund: " + e.getMessage(),
            Map.of("refund_id", entry.string("refund_id")));
      }
    }
    if (drifted > 0 || failed > 0 || refundsSettled > 0) {
      StructuredLog.warning("payment reconciliation applied what webhooks missed", Map.of("checked", checked,
          "drifted", drifted, "failed", failed, "refunds_checked", refundsChecked, "refunds_settled", refundsSettled));
    }
    return new Report(checked, drifted, failed, refundsChecked, refundsSettled);
  }

  /**
   * A refund still pending: asked about at the processor, or — if our call never reached it (the
   * processor was unavailable) — made now with the refund's own idempotency key, so never twice.
   */
  private boolean settleRefund(String organizationId, String refundId) {
    StoredDocument refund = store.get(PaymentPaths.refund(organizationId, refundId)).orElseThrow();
    Optional<String> processorRefundId = Optional.ofNullable(refund.string("processor_refund_id")).filter(id -> !id.isEmpty());
    PaymentProcessor.ProcessorRefund state;
    if (processorRefundId.isPresent()) {
      state = processor.retrieveRefund(processorRefundId.get());
    } else {
      String processorIntentId = PaymentIntents.load(store, organizationId, refund.string("payment_intent_id"))
          .string("processor_intent_id");
      try {
        state = processor.refund(processorIntentId, refundId, refund.longValue("amount"), PaymentActions.refundKey(refundId));
      } catch (ProcessorException e) {
        if (e.reason() == ProcessorException.Reason.UNAVAILABLE) {
          throw e;
        }
        state = new PaymentProcessor.ProcessorRefund("", Refund.FAILED, processorIntentId, Optional.of(refundId));
      }
    }
    return refunds.settle(organizationId, refundId, state, Optional.empty(), Optional.of(refund)).result()
        == RefundSettlement.Result.MOVED;
  }

  private boolean reconcileOne(StoredDocument index) {
    String organizationId = index.string("organization_id");
    String intentId = index.string("payment_intent_id");
    PaymentProcessor.ProcessorIntent state = processor.retrieve(index.string("processor_intent_id"));
    return Contention.retry("the payment intent", () -> {
      StoredDocument current = PaymentIntents.load(store, organizationId, intentId);
      Instant now = Timestamps.now(clock);
      var plan = IntentMoves.toProcessorState(current, state, Optional.of(now), Optional.empty(), now);
      if (plan.isEmpty()) {
        return false;
      }
      store.commit(plan.get().writes());
      StructuredLog.warning("payment drift: the processor had moved an intent without a webhook we applied",
          Map.of("payment_intent_id", intentId, "from", current.string("status"), "to", state.status().wire()));
      return true;
    });
  }
}
