package com.agenthub.shared.payments;

import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.payments.LedgerEntry.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One money movement: balanced entries (debits equal credits, in one currency), all written in the
 * same commit as the intent change that caused it. A correction is a new, reversing transaction.
 */
public record LedgerTransaction(String id, String kind, String paymentIntentId, String currency, long amount,
    List<LedgerEntry> entries) {

  /** Kinds of movement. */
  public static final String AUTHORIZATION = "authorization";
  public static final String PAYMENT_RECEIVED = "payment_received";
  public static final String CAPTURE = "capture";
  public static final String AUTHORIZATION_CANCELED = "authorization_canceled";
  public static final String REFUND = "refund";
  public static final String REFUND_REVERSAL = "refund_reversal";

  public LedgerTransaction {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a ledger transaction needs entries");
    }
    long sum = 0;
    for (LedgerEntry entry : entries) {
      if (entry.amount() <= 0 || !entry.currency().equals(currency) || !entry.transactionId().equals(id)) {
        throw new IllegalArgumentException("entry " + entry + " does not belong to transaction " + id);
      }
      sum += entry.signed();
    }
    if (sum != 0) {
      throw new IllegalArgumentException("unbalanced ledger transaction " + id + ": debits - credits = " + sum);
    }
  }

  /** Builds a transaction from debit/credit pairs, each pair moving one amount. */
  static final class Builder {
    private final String id;
    private final String organizationId;
    private final String intentId;
    private final String currency;
    private final Instant at;
    private final List<LedgerEntry> entries = new ArrayList<>();

    Builder(String organizationId, String intentId, String currency, Instant at) {
      this(Ids.newId(), organizationId, intentId, currency, at);
    }

    /** A transaction under a given id: imported history keeps one id per legacy transaction. */
    Builder(String id, String organizationId, String intentId, String currency, Instant at) {
      this.id = id;
      this.organizationId = organizationId;
      this.intentId = intentId;
      this.currency = currency;
      this.at = at;
    }

    Builder move(String kind, LedgerAccount debit, LedgerAccount credit, long amount) {
      entries.add(new LedgerEntry(Ids.newId(), id, organizationId, intentId, kind, debit, Direction.DEBIT, amount, currency, at));
      entries.add(new LedgerEntry(Ids.newId(), id, organizationId, intentId, kind, credit, Direction.CREDIT, amount, currency, at));
      return this;
    }

    boolean isEmpty() {
      return entries.isEmpty();
    }

    LedgerTransaction build(String kind, long amount) {
      List<LedgerEntry> relabelled = entries.stream().map(e -> new LedgerEntry(e.id(), e.transactionId(), e.organizationId(),
          e.paymentIntentId(), kind, e.account(), e.direction(), e.amount(), e.currency(), e.createdAt())).toList();
      return new LedgerTransaction(id, kind, intentId, currency, amount, relabelled);
    }
  }
}
