package com.agenthub.shared.payments;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way an intent takes the processor's state — after our own capture or cancel, from a
 * webhook, or from reconciliation: only moves {@link PaymentTransitions} allows, never backwards in
 * time, and always together with the ledger transaction the amounts imply and the outbox records,
 * in one commit conditional on the version that was read.
 */
final class IntentMoves {

  /** A planned commit: the intent after the move and every write that makes it. */
  record Plan(Map<String, Object> intent, List<Write> writes) {}

  private IntentMoves() {}

  /**
   * Whether the processor still owes us news of this intent (the customer is confirming, it is
   * processing, or an authorization may expire): reconciliation asks about these if they sit.
   */
  static boolean awaitsProcessor(PaymentStatus status) {
    return !status.isFinal() && status != PaymentStatus.REQUIRES_PAYMENT_METHOD;
  }

  /**
   * The commit that brings {@code current} to the processor's {@code state}, or empty if the state
   * is not a move forward (same status, a move the table forbids, or an event older than the last one applied).
   */
  static Optional<Plan> toProcessorState(StoredDocument current, PaymentProcessor.ProcessorIntent state,
      Optional<Instant> eventCreated, Optional<CancellationReason> reason, Instant now) {
    PaymentStatus from = PaymentStatus.valueOf(current.string("status").toUpperCase(java.util.Locale.ROOT));
    if (state.status() == from || !PaymentTransitions.processorMayMove(from, state.status())) {
      return Optional.empty();
    }
    Instant lastEvent = current.instant("last_event_at");
    if (eventCreated.isPresent() && lastEvent != null && eventCreated.get().isBefore(lastEvent)) {
      return Optional.empty();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("status", state.status().wire());
    long capturable = state.status() == PaymentStatus.REQUIRES_CAPTURE ? state.amountCapturable() : 0L;
    long received = Math.max(current.longValue("amount_received"), state.amountReceived());
    fields.put("amount_capturable", capturable);
    fields.put("amount_received", received);
    if (state.status() == PaymentStatus.REQUIRES_PAYMENT_METHOD) {
      fields.put("last_payment_error", state.lastPaymentError().orElse(null));
    }
    if (state.status() == PaymentStatus.CANCELED) {
      // Ours if we canceled, else the processor's (its event may arrive before our own cancel commits).
      fields.put("cancellation_reason", reason.map(CancellationReason::wire).or(state::cancellationReason)
          .orElse(Optional.ofNullable(current.string("cancellation_reason")).orElse("automatic")));
    }
    eventCreated.ifPresent(at -> fields.put("last_event_at", at));
    fields.put("updated_at", now);
    Map<String, Object> after = new LinkedHashMap<>(current.data());
    after.putAll(fields);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.update(current.path(), fields, Optional.of(current.version())));
    writes.add(IntentDocuments.changeRecord(Change.UPDATED, after, now));
    writes.add(Write.update(PaymentPaths.processorIntent(current.string("processor"), current.string("processor_intent_id")),
        Map.of("awaiting_processor", awaitsProcessor(state.status()), "updated_at", now), Optional.empty()));
    LedgerPostings.forMove(current.string("organization_id"), current.id(), current.string("currency"), now,
            current.longValue("amount_capturable"), capturable, current.longValue("amount_received"), received, state.status())
        .ifPresent(tx -> writes.addAll(IntentDocuments.ledgerWrites(tx, state.status().wire(), after, now)));
    return Optional.of(new Plan(after, writes));
  }
}
