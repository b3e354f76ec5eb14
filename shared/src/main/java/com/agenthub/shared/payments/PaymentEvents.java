package com.agenthub.shared.payments;

import com.agenthub.shared.versions.Contention;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the processor's events exactly once: the event's id is recorded in the same commit as the
 * state change it causes, so a redelivery finds it and changes nothing. The tenant is the one our
 * own index names for the processor's intent, never one the payload claims.
 */
public final class PaymentEvents {

  /** What became of an event. */
  public enum Outcome { APPLIED, RECORDED_NOT_APPLIED, DUPLICATE, UNKNOWN_INTENT, IGNORED }

  private final DocumentStore store;
  private final Clock clock;
  private final RefundSettlement refunds;

  public PaymentEvents(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.refunds = new RefundSettlement(store, clock);
  }

  public Outcome apply(ProcessorEvent event) {
    if (event.refund().isPresent()) {
      return applyRefund(event, event.refund().get());
    }
    if (event.intent().isEmpty()) {
      // Other objects (charges, customers…) are not ours to track.
      return Outcome.IGNORED;
    }
    PaymentProcessor.ProcessorIntent state = event.intent().get();
    Optional<StoredDocument> owner = store.get(PaymentPaths.processorIntent(event.processor(), state.id()));
    if (owner.isEmpty()) {
      park(event, state);
      return Outcome.UNKNOWN_INTENT;
    }
    String organizationId = owner.get().string("organization_id");
    String intentId = owner.get().string("payment_intent_id");
    DocumentPath marker = PaymentPaths.processedEvent(organizationId, event.id());
    return Contention.retry("the payment intent", () -> {
      if (store.get(marker).isPresent()) {
        return Outcome.DUPLICATE;
      }
      StoredDocument current = PaymentIntents.load(store, organizationId, intentId);
      Instant now = Timestamps.now(clock);
      var plan = IntentMoves.toProcessorState(current, state, Optional.of(event.created()), Optional.empty(), now);
      List<Write> writes = new ArrayList<>();
      writes.add(Write.create(marker, markerData(event, state, intentId, plan.isPresent(), now)));
      plan.ifPresent(p -> writes.addAll(p.writes()));
      try {
        store.commit(writes);
      } catch (StoreException e) {
        if (e.reason() == StoreException.Reason.ALREADY_EXISTS) {
          return Outcome.DUPLICATE;
        }
        throw e;
      }
      if (plan.isEmpty()) {
        StructuredLog.info("payment event recorded, not applied (not a move forward)",
            Map.of("event_id", event.id(), "type", event.type(), "payment_intent_id", intentId,
                "status", current.string("status"), "event_status", state.status().wire()));
      }
      return plan.isPresent() ? Outcome.APPLIED : Outcome.RECORDED_NOT_APPLIED;
    });
  }

  /**
   * A refund's outcome (refund.updated / refund.failed / charge.refund.updated): the tenant and
   * intent come from our index of the processor intent it refunds; the refund named in its metadata
   * must be one of ours for that very intent. A refund made outside AgentHub (say, in Stripe's
   * dashboard) has no ledger entry here to settle: logged and ignored.
   */
  private Outcome applyRefund(ProcessorEvent event, PaymentProcessor.ProcessorRefund state) {
    Optional<StoredDocument> owner = store.get(PaymentPaths.processorIntent(event.processor(), state.processorIntentId()));
    Optional<StoredDocument> refund = owner.flatMap(o -> state.refundId().flatMap(
        id -> store.get(PaymentPaths.refund(o.string("organization_id"), id))));
    if (refund.isEmpty() || !refund.get().string("payment_intent_id").equals(owner.get().string("payment_intent_id"))) {
      StructuredLog.warning("refund event for a refund AgentHub did not make, ignored", Map.of("event_id", event.id(),
          "processor_refund_id", state.id(), "processor_intent_id", state.processorIntentId()));
      return Outcome.IGNORED;
    }
    String organizationId = owner.get().string("organization_id");
    DocumentPath marker = PaymentPaths.processedEvent(organizationId, event.id());
    if (store.get(marker).isPresent()) {
      return Outcome.DUPLICATE;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("event_id", event.id());
    record.put("type", event.type());
    record.put("payment_intent_id", owner.get().string("payment_intent_id"));
    record.put("refund_id", refund.get().id());
    record.put("event_status", state.status());
    record.put("event_created", event.created());
    record.put("received_at", Timestamps.now(clock));
    var settled = refunds.settle(organizationId, refund.get().id(), state, Optional.of(Write.create(marker, record)),
        Optional.of(refund.get()));
    return switch (settled.result()) {
      case MOVED -> Outcome.APPLIED;
      case NOT_MOVED -> Outcome.RECORDED_NOT_APPLIED;
      case DUPLICATE -> Outcome.DUPLICATE;
    };
  }

  /**
   * Applies the events that arrived before our record of their processor intent was committed (a
   * webhook can overtake the create that caused it), now that it exists; each once, as ever.
   */
  public int applyEarlyEvents(String processor, String processorIntentId) {
    List<StoredDocument> parked = store.query(Query.all(PaymentPaths.unmatchedEvents(), 20)
        .where("processor_intent_id", processorIntentId).orderBy("event_created"));
    int applied = 0;
    for (StoredDocument doc : parked) {
      if (!processor.equals(doc.string("processor"))) {
        continue;
      }
      @SuppressWarnings("unchecked")
      PaymentProcessor.ProcessorIntent state = new PaymentProcessor.ProcessorIntent(processorIntentId,
          PaymentStatus.parse("event_status", doc.string("event_status")), doc.longValue("amount_capturable"),
          doc.longValue("amount_received"), Optional.empty(),
          Optional.ofNullable((Map<String, Object>) doc.data().get("last_payment_error")),
          Optional.ofNullable(doc.string("cancellation_reason")));
      ProcessorEvent event = new ProcessorEvent(doc.string("event_id"), doc.string("type"), doc.instant("event_created"),
          processor, Optional.of(state));
      if (apply(event) == Outcome.APPLIED) {
        applied++;
      }
      store.commit(List.of(Write.delete(doc.path(), Optional.empty())));
    }
    return applied;
  }

  private static Map<String, Object> markerData(ProcessorEvent event, PaymentProcessor.ProcessorIntent state, String intentId,
      boolean applied, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("event_id", event.id());
    data.put("type", event.type());
    data.put("payment_intent_id", intentId);
    data.put("event_status", state.status().wire());
    data.put("event_created", event.created());
    data.put("applied", applied);
    data.put("received_at", now);
    return data;
  }

  /** Kept for reconciliation: an event about a processor intent we have no record of. */
  private void park(ProcessorEvent event, PaymentProcessor.ProcessorIntent state) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("event_id", event.id());
    data.put("type", event.type());
    data.put("processor", event.processor());
    data.put("processor_intent_id", state.id());
    data.put("event_status", state.status().wire());
    data.put("amount_capturable", state.amountCapturable());
    data.put("amount_received", state.amountReceived());
    data.put("last_payment_error", state.lastPaymentError().orElse(null));
    data.put("cancellation_reason", state.cancellationReason().orElse(null));
    data.put("event_created", event.created());
    data.put("received_at", Timestamps.now(clock));
    store.commit(List.of(Write.set(PaymentPaths.unmatchedEvent(event.id()), data)));
    StructuredLog.warning("payment event for an unknown processor intent kept for reconciliation",
        Map.of("event_id", event.id(), "processor_intent_id", state.id()));
  }
}
