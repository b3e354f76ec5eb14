package com.agenthub.shared.payments;

import java.util.Map;

/**
 * One currency's balances, derived from the ledger: per account, debits minus credits. Received
 * (net of refunds) is what CUSTOMER_PAYMENTS owes; held is what AUTHORIZATION_HOLDS holds.
 */
public record Balance(String currency, Map<LedgerAccount, Long> accounts, long entries) {

  public long received() {
    return -accounts.getOrDefault(LedgerAccount.CUSTOMER_PAYMENTS, 0L);
  }

  public long held() {
    return accounts.getOrDefault(LedgerAccount.AUTHORIZATION_HOLDS, 0L);
  }

  /** Every transaction balances, so the accounts of a currency sum to zero. */
  public long total() {
    return accounts.values().stream().mapToLong(Long::longValue).sum();
  }
}
