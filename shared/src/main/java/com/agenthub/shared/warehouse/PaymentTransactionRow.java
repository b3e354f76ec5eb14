package com.agenthub.shared.warehouse;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of payment_transactions (the seed's schema, plus the change id the outbox de-duplicates
 * on, the kind of movement and the exact minor-unit amount): one ledger transaction.
 */
public record PaymentTransactionRow(
    String changeId,
    String id,
    String organizationId,
    String transactionId,
    String kind,
    BigDecimal amount,
    long amountMinor,
    String currency,
    String status,
    JsonText metadata,
    Instant createdAt) {}
