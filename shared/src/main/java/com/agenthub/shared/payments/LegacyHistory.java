package com.agenthub.shared.payments;

import static com.agenthub.shared.payments.LedgerAccount.AUTHORIZATIONS_PENDING;
import static com.agenthub.shared.payments.LedgerAccount.AUTHORIZATION_HOLDS;
import static com.agenthub.shared.payments.LedgerAccount.CUSTOMER_PAYMENTS;
import static com.agenthub.shared.payments.LedgerAccount.PROCESSOR_RECEIVABLE;

import com.agenthub.shared.errors.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * A legacy intent's transactions as ledger history. Each legacy kind becomes the ledger transaction
 * the product itself posts for that movement (README, Migration: "Payments"):
 * authorization → authorization (holds +), release → authorization_canceled (holds −),
 * capture → capture (holds −, received +), payment → payment_received (received +),
 * refund → refund (refunded +), refund_reversal → refund_reversal (refunded −).
 * Replayed oldest first they must never release more than is held nor refund more than was
 * received, and must end at the intent's amounts: amount_received, amount_refunded, and a hold
 * only while requires_capture. Anything else is refused, naming the field, and nothing is written.
 */
final class LegacyHistory {

  private LegacyHistory() {}

  /** What the transactions add up to. */
  record Totals(long held, long received, long refunded) {}

  static Totals check(long amount, PaymentStatus status, long amountReceived, long amountRefunded,
      List<LegacyTransaction> transactions) {
    long held = 0;
    long received = 0;
    long refunded = 0;
    for (int i = 0; i < transactions.size(); i++) {
      LegacyTransaction t = transactions.get(i);
      String field = "transactions[" + i + "].amount";
      switch (t.kind()) {
        case AUTHORIZATION -> held += t.amount();
        case RELEASE, CAPTURE -> {
          if (t.amount() > held) {
            throw ApiError.invalid(field, "transaction " + t.legacyId() + " (" + t.kind().wire() + ") moves " + t.amount()
                + " but only " + held + " is authorized at that point");
          }
          held -= t.amount();
          received += t.kind() == LegacyTransaction.Kind.CAPTURE ? t.amount() : 0;
        }
        case PAYMENT -> received += t.amount();
        case REFUND -> {
          if (refunded + t.amount() > received) {
            throw ApiError.invalid(field, "transaction " + t.legacyId() + " refunds " + t.amount() + " but only "
                + (received - refunded) + " is left to refund at that point");
          }
          refunded += t.amount();
        }
        case REFUND_REVERSAL -> {
          if (t.amount() > refunded) {
            throw ApiError.invalid(field, "transaction " + t.legacyId() + " reverses " + t.amount() + " of refunds but only "
                + refunded + " was refunded at that point");
          }
          refunded -= t.amount();
        }
      }
      if (held > amount || received > amount) {
        throw ApiError.invalid(field, "transaction " + t.legacyId() + " takes the intent past its amount (" + amount + ")");
      }
    }
    if (received != amountReceived) {
      throw ApiError.invalid("amount_received", "'amount_received' is " + amountReceived + " but the transactions receive "
          + received + " (payments + captures)");
    }
    if (refunded != amountRefunded) {
      throw ApiError.invalid("amount_refunded", "'amount_refunded' is " + amountRefunded + " but the transactions refund "
          + refunded + " (refunds - refund reversals)");
    }
    requireStatus(status, held, received);
    return new Totals(held, received, refunded);
  }

  private static void requireStatus(PaymentStatus status, long held, long received) {
    String why = switch (status) {
      case REQUIRES_CAPTURE -> held == 0 || received > 0 ? "a requires_capture intent holds an authorization and has received nothing" : null;
      case SUCCEEDED -> held > 0 || received == 0 ? "a succeeded intent has received money (a payment or a capture) and holds nothing" : null;
      default -> held > 0 || received > 0 ? "a " + status.wire() + " intent has moved no money" : null;
    };
    if (why != null) {
      throw ApiError.invalid("status", why + "; its transactions hold " + held + " and receive " + received);
    }
  }

  /** The ledger transactions of the history, in order, each under the id its legacy transaction derives. */
  static List<LedgerTransaction> postings(String organizationId, String intentId, LegacyIntent intent) {
    List<LedgerTransaction> postings = new ArrayList<>();
    for (LegacyTransaction t : intent.transactions()) {
      var tx = new LedgerTransaction.Builder(LegacyIntent.transactionId(t.legacyId()), organizationId, intentId,
          intent.currency().code(), t.createdAt());
      long a = t.amount();
      postings.add(switch (t.kind()) {
        case AUTHORIZATION -> tx.move(LedgerTransaction.AUTHORIZATION, AUTHORIZATION_HOLDS, AUTHORIZATIONS_PENDING, a)
            .build(LedgerTransaction.AUTHORIZATION, a);
        case RELEASE -> tx.move(LedgerTransaction.AUTHORIZATION_CANCELED, AUTHORIZATIONS_PENDING, AUTHORIZATION_HOLDS, a)
            .build(LedgerTransaction.AUTHORIZATION_CANCELED, a);
        case CAPTURE -> tx.move(LedgerTransaction.AUTHORIZATION_CANCELED, AUTHORIZATIONS_PENDING, AUTHORIZATION_HOLDS, a)
            .move(LedgerTransaction.PAYMENT_RECEIVED, PROCESSOR_RECEIVABLE, CUSTOMER_PAYMENTS, a)
            .build(LedgerTransaction.CAPTURE, a);
        case PAYMENT -> tx.move(LedgerTransaction.PAYMENT_RECEIVED, PROCESSOR_RECEIVABLE, CUSTOMER_PAYMENTS, a)
            .build(LedgerTransaction.PAYMENT_RECEIVED, a);
        case REFUND -> tx.move(LedgerTransaction.REFUND, CUSTOMER_PAYMENTS, PROCESSOR_RECEIVABLE, a)
            .build(LedgerTransaction.REFUND, a);
        case REFUND_REVERSAL -> tx.move(LedgerTransaction.REFUND_REVERSAL, PROCESSOR_RECEIVABLE, CUSTOMER_PAYMENTS, a)
            .build(LedgerTransaction.REFUND_REVERSAL, a);
      });
    }
    return postings;
  }
}
