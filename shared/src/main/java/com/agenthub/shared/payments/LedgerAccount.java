package com.agenthub.shared.payments;

/**
 * The accounts of the ledger. Money: what the processor holds for us against what customers paid
 * (net of refunds). Memo pair: funds authorized but not yet captured, so an authorization and its
 * release are recorded as movements too.
 */
public enum LedgerAccount {
  PROCESSOR_RECEIVABLE, CUSTOMER_PAYMENTS, AUTHORIZATION_HOLDS, AUTHORIZATIONS_PENDING;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static LedgerAccount parse(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
