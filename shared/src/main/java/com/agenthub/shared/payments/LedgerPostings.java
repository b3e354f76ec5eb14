package com.agenthub.shared.payments;

import static com.agenthub.shared.payments.LedgerAccount.AUTHORIZATIONS_PENDING;
import static com.agenthub.shared.payments.LedgerAccount.AUTHORIZATION_HOLDS;
import static com.agenthub.shared.payments.LedgerAccount.CUSTOMER_PAYMENTS;
import static com.agenthub.shared.payments.LedgerAccount.PROCESSOR_RECEIVABLE;

import java.time.Instant;
import java.util.Optional;

/**
 * Which ledger transaction a change of an intent's money amounts is. Derived from the amounts
 * before and after, so every path that moves an intent (operations, webhooks, reconciliation)
 * posts the same way and the ledger always equals what the intents say:
 * AUTHORIZATION_HOLDS = amount_capturable and CUSTOMER_PAYMENTS = amount_received - amount_refunded.
 */
final class LedgerPostings {

  private LedgerPostings() {}

  static Optional<LedgerTransaction> forMove(String organizationId, String intentId, String currency, Instant at,
      long capturableBefore, long capturableAfter, long receivedBefore, long receivedAfter, PaymentStatus after) {
    LedgerTransaction.Builder tx = new LedgerTransaction.Builder(organizationId, intentId, currency, at);
    long held = capturableAfter - capturableBefore;
    long received = receivedAfter - receivedBefore;
    if (held > 0) {
      tx.move(LedgerTransaction.AUTHORIZATION, AUTHORIZATION_HOLDS, AUTHORIZATIONS_PENDING, held);
    } else if (held < 0) {
      tx.move(LedgerTransaction.AUTHORIZATION_CANCELED, AUTHORIZATIONS_PENDING, AUTHORIZATION_HOLDS, -held);
    }
    if (received > 0) {
      tx.move(LedgerTransaction.PAYMENT_RECEIVED, PROCESSOR_RECEIVABLE, CUSTOMER_PAYMENTS, received);
    } else if (received < 0) {
      // The processor never takes back a receipt except through a refund; an intent's received amount only grows.
      throw new IllegalStateException("amount_received of " + intentId + " would shrink by " + -received);
    }
    if (tx.isEmpty()) {
      return Optional.empty();
    }
    String kind;
    long amount;
    if (received > 0 && held < 0) {
      kind = LedgerTransaction.CAPTURE;
      amount = received;
    } else if (received > 0) {
      kind = LedgerTransaction.PAYMENT_RECEIVED;
      amount = received;
    } else if (held > 0) {
      kind = LedgerTransaction.AUTHORIZATION;
      amount = held;
    } else {
      kind = LedgerTransaction.AUTHORIZATION_CANCELED;
      amount = -held;
    }
    return Optional.of(tx.build(kind, amount));
  }

  static LedgerTransaction refund(String organizationId, String intentId, String currency, Instant at, long amount) {
    return new LedgerTransaction.Builder(organizationId, intentId, currency, at)
        .move(LedgerTransaction.REFUND, CUSTOMER_PAYMENTS, PROCESSOR_RECEIVABLE, amount)
        .build(LedgerTransaction.REFUND, amount);
  }

  /** A refund the processor failed: the reversing transaction, never an edit of the refund's entries. */
  static LedgerTransaction refundReversal(String organizationId, String intentId, String currency, Instant at, long amount) {
    return new LedgerTransaction.Builder(organizationId, intentId, currency, at)
        .move(LedgerTransaction.REFUND_REVERSAL, PROCESSOR_RECEIVABLE, CUSTOMER_PAYMENTS, amount)
        .build(LedgerTransaction.REFUND_REVERSAL, amount);
  }
}
