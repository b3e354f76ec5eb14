package com.agenthub.shared.payments;

import com.agenthub.shared.versions.Contention;
import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.logging.StructuredLog;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a caller asks of an existing intent: capture, cancel, refund. Each is first checked against
 * the state machine (409 naming the status), then done at the processor, then recorded with its
 * ledger transaction in one conditional commit. A refund reserves its amount before the processor
 * is asked, so concurrent refunds can never together exceed what was received.
 */
public final class PaymentActions {

  private final DocumentStore store;
  private final PaymentProcessor processor;
  private final Clock clock;
  private final RefundSettlement refunds;

  public PaymentActions(DocumentStore store, PaymentProcessor processor, Clock clock) {
    this.store = store;
    this.processor = processor;
    this.clock = clock;
    this.refunds = new RefundSettlement(store, clock);
  }

  public PaymentIntent capture(String organizationId, String intentId, Optional<Long> amountToCapture) {
    StoredDocument current = PaymentIntents.load(store, organizationId, intentId);
    PaymentIntent intent = IntentDocuments.fromDocument(current);
    LegacyPaymentImports.requireLive(intent);
    PaymentTransitions.require(PaymentOperation.CAPTURE, intent.status());
    long amount = amountToCapture.orElse(intent.amountCapturable());
    Currencies.requireWellFormed("amount_to_capture", amount, Currencies.require("currency", intent.currency()));
    if (amount > intent.amountCapturable()) {
      throw ApiError.invalid("amount_to_capture", "'amount_to_capture' must be at most amount_capturable ("
          + intent.amountCapturable() + ")");
    }
    PaymentProcessor.ProcessorIntent state = atProcessor(organizationId, intentId,
        () -> processor.capture(intent.processorIntentId(), amount, "capture-" + intentId));
    return settle(organizationId, intentId, state, Optional.empty(), PaymentStatus.SUCCEEDED);
  }

  public PaymentIntent cancel(String organizationId, String intentId, Optional<CancellationReason> reason) {
    PaymentIntent intent = IntentDocuments.fromDocument(PaymentIntents.load(store, organizationId, intentId));
    LegacyPaymentImports.requireLive(intent);
    PaymentTransitions.require(PaymentOperation.CANCEL, intent.status());
    CancellationReason why = reason.orElse(CancellationReason.REQUESTED_BY_CUSTOMER);
    PaymentProcessor.ProcessorIntent state = atProcessor(organizationId, intentId,
        () -> processor.cancel(intent.processorIntentId(), why, "cancel-" + intentId));
    return settle(organizationId, intentId, state, Optional.of(why), PaymentStatus.CANCELED);
  }

  /** Reserves, asks the processor, then confirms or reverses. */
  public Refund refund(String organizationId, String intentId, Optional<Long> requested, Optional<String> reason) {
    return refund(organizationId, intentId, requested, reason, Optional.empty());
  }

  /**
   * With the caller's Idempotency-Key, a retry after a crash finds the refund it had reserved and
   * sends the processor the same key: never a second refund.
   */
  public Refund refund(String organizationId, String intentId, Optional<Long> requested, Optional<String> reason,
      Optional<String> idempotencyKey) {
    String refundId = idempotencyKey.map(k -> PaymentPaths.derivedId("refund", organizationId,
        k + "\n" + intentId + "|" + requested.map(String::valueOf).orElse("") + "|" + reason.orElse(""))).orElseGet(Ids::newId);
    Reservation reservation;
    try {
      reservation = Contention.retry("the payment intent", () -> reserve(organizationId, intentId, refundId, requested, reason));
    } catch (ApiError refused) {
      // Refused because the first attempt of this very request already took the amount: that refund.
      StoredDocument earlier = store.get(PaymentPaths.refund(organizationId, refundId)).orElseThrow(() -> refused);
      reservation = new Reservation(IntentDocuments.refundOf(earlier), get(organizationId, intentId).processorIntentId(),
          Optional.of(earlier));
    }
    Refund reserved = reservation.refund();
    if (!Refund.PENDING.equals(reserved.status())) {
      return reserved;
    }
    String processorIntentId = reservation.processorIntentId();
    PaymentProcessor.ProcessorRefund outcome;
    try {
      outcome = processor.refund(processorIntentId, refundId, reserved.amount(), refundKey(refundId));
    } catch (ProcessorException e) {
      if (e.reason() == ProcessorException.Reason.UNAVAILABLE) {
        // The amount stays reserved; reconciliation asks the processor again with the same key.
        StructuredLog.warning("refund left pending: processor unavailable", Map.of("refund_id", refundId));
        return reserved;
      }
      refunds.settle(organizationId, refundId, new PaymentProcessor.ProcessorRefund("", Refund.FAILED, processorIntentId,
          Optional.of(refundId)), Optional.empty(), reservation.stored());
      throw ApiError.of(ErrorKind.CONFLICT, "the payment processor refused the refund: " + e.getMessage());
    }
    return refunds.settle(organizationId, refundId, outcome, Optional.empty(), reservation.stored()).refund();
  }

  /** The processor's idempotency key for one of our refunds: a retry, or reconciliation, never refunds twice. */
  static String refundKey(String refundId) {
    return "refund-" + refundId;
  }

  /** A refund's amount held on its intent, and where the processor knows the intent. */
  private record Reservation(Refund refund, String processorIntentId, Optional<StoredDocument> stored) {}

  private Reservation reserve(String organizationId, String intentId, String refundId, Optional<Long> requested,
      Optional<String> reason) {
    StoredDocument current = PaymentIntents.load(store, organizationId, intentId);
    PaymentIntent intent = IntentDocuments.fromDocument(current);
    LegacyPaymentImports.requireLive(intent);
    PaymentTransitions.require(PaymentOperation.REFUND, intent.status());
    long refundable = intent.amountReceived() - intent.amountRefunded();
    long amount = requested.orElse(refundable);
    if (refundable == 0) {
      throw ApiError.withField(ErrorKind.CONFLICT, "amount", "this payment is already fully refunded");
    }
    Currencies.requireWellFormed("amount", amount, Currencies.require("currency", intent.currency()));
    if (amount > refundable) {
      throw ApiError.withField(ErrorKind.CONFLICT, "amount", "'amount' exceeds what is left to refund (" + refundable
          + " of " + intent.amountReceived() + " received)");
    }
    Instant now = Timestamps.now(clock);
    Map<String, Object> fields = Map.of("amount_refunded", intent.amountRefunded() + amount, "updated_at", now);
    Map<String, Object> after = new LinkedHashMap<>(current.data());
    after.putAll(fields);
    Refund reserved = new Refund(refundId, organizationId, intentId, amount, intent.currency(), Refund.PENDING, reason,
        Optional.empty(), now);
    Map<String, Object> refund = IntentDocuments.refundDocument(reserved);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.update(current.path(), fields, Optional.of(current.version())));
    writes.add(Write.create(PaymentPaths.refund(organizationId, refundId), refund));
    writes.add(IntentDocuments.refundRecord(Change.CREATED, refund, now));
    writes.add(Write.create(PaymentPaths.pendingRefund(organizationId, refundId), Map.of("organization_id", organizationId,
        "refund_id", refundId, "payment_intent_id", intentId, "created_at", now)));
    writes.add(IntentDocuments.changeRecord(Change.UPDATED, after, now));
    writes.addAll(IntentDocuments.ledgerWrites(LedgerPostings.refund(organizationId, intentId, intent.currency(), now, amount),
        intent.status().wire(), after, now));
    List<Version> versions;
    try {
      versions = store.commit(writes);
    } catch (StoreException e) {
      if (e.reason() != StoreException.Reason.ALREADY_EXISTS) {
        throw e;
      }
      // A retry of a request that had reserved (its id derives from the same Idempotency-Key): that refund, not another.
      StoredDocument earlier = store.get(PaymentPaths.refund(organizationId, refundId)).orElseThrow(() -> e);
      return new Reservation(IntentDocuments.refundOf(earlier), intent.processorIntentId(), Optional.of(earlier));
    }
    return new Reservation(reserved, intent.processorIntentId(),
        Optional.of(new StoredDocument(PaymentPaths.refund(organizationId, refundId), refund, versions.get(1))));
  }

  /** Applies what the processor answered; if it had already arrived by webhook, the intent is as it says. */
  private PaymentIntent settle(String organizationId, String intentId, PaymentProcessor.ProcessorIntent state,
      Optional<CancellationReason> reason, PaymentStatus expected) {
    return Contention.retry("the payment intent", () -> {
      StoredDocument current = PaymentIntents.load(store, organizationId, intentId);
      var plan = IntentMoves.toProcessorState(current, state, Optional.empty(), reason, Timestamps.now(clock));
      if (plan.isEmpty()) {
        PaymentIntent now = IntentDocuments.fromDocument(current);
        if (now.status() != expected) {
          throw conflict(now.status());
        }
        return now;
      }
      var version = store.commit(plan.get().writes()).get(0);
      return IntentDocuments.fromDocument(new StoredDocument(current.path(), plan.get().intent(), version));
    });
  }

  /** A refusal by the processor (another operation won the race) is a 409 naming our current status. */
  private PaymentProcessor.ProcessorIntent atProcessor(String organizationId, String intentId,
      java.util.function.Supplier<PaymentProcessor.ProcessorIntent> call) {
    try {
      return call.get();
    } catch (ProcessorException e) {
      if (e.reason() == ProcessorException.Reason.REFUSED) {
        throw conflict(get(organizationId, intentId).status());
      }
      throw ApiError.of(ErrorKind.UNAVAILABLE, "the payment processor is unavailable; retry later");
    }
  }

  private PaymentIntent get(String organizationId, String intentId) {
    return IntentDocuments.fromDocument(PaymentIntents.load(store, organizationId, intentId));
  }

  private static ApiError conflict(PaymentStatus status) {
    return ApiError.withField(ErrorKind.CONFLICT, "status",
        "the payment intent's status is " + status.wire() + "; another operation changed it first");
  }
}
