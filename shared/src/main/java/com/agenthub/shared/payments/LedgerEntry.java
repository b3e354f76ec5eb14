package com.agenthub.shared.payments;

import java.time.Instant;

/** One leg of a ledger transaction: a debit or a credit of one account, in minor units. Never edited. */
public record LedgerEntry(
    String id,
    String transactionId,
    String organizationId,
    String paymentIntentId,
    String kind,
    LedgerAccount account,
    Direction direction,
    long amount,
    String currency,
    Instant createdAt) {

  public enum Direction {
    DEBIT, CREDIT;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The entry's effect on its account's debit-minus-credit balance. */
  public long signed() {
    return direction == Direction.DEBIT ? amount : -amount;
  }
}
