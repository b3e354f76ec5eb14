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

  /** What one run did. */
  public record Report(int checked, int drifted, int failed) {}

  private final DocumentStore store;
  private final PaymentProcessor processor;
  private final Clock clock;

  public PaymentReconciliation(DocumentStore store, PaymentProcessor processor, Clock clock) {
    this.store = store;
    this.processor = processor;
    this.clock = clock;
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
    if (drifted > 0 || failed > 0) {
      StructuredLog.warning("payment reconciliation applied what webhooks missed",
          Map.of("checked", checked, "drifted", drifted, "failed", failed));
    }
    return new Report(checked, drifted, failed);
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
