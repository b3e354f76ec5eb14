package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One money movement of a legacy intent's history (the legacy {@code transactions} dictionary), as
 * ImportPaymentIntent takes it; {@code field} is where it sits in the request, for errors.
 */
public record LegacyTransaction(String legacyId, Kind kind, long amount, Instant createdAt) {

  /** The legacy kinds of movement; {@link LegacyHistory} says which ledger transaction each becomes. */
  public enum Kind {
    AUTHORIZATION, PAYMENT, CAPTURE, RELEASE, REFUND, REFUND_REVERSAL;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String field, String value) {
      return Arrays.stream(values()).filter(k -> k.wire().equals(value)).findFirst()
          .orElseThrow(() -> ApiError.invalid(field, "'" + field + "' must be one of "
              + Arrays.stream(values()).map(Kind::wire).collect(Collectors.joining(", "))));
    }
  }

  public LegacyTransaction(String field, String legacyId, Kind kind, long amount, String currency,
      Currencies.Currency intentCurrency, Instant createdAt) {
    this(LegacyIntent.legacyId(field + ".legacy_id", legacyId), kind,
        Currencies.requireWellFormed(field + ".amount", amount, sameCurrency(field + ".currency", currency, intentCurrency)),
        createdAt);
  }

  private static Currencies.Currency sameCurrency(String field, String currency, Currencies.Currency intentCurrency) {
    if (!intentCurrency.code().equals(currency)) {
      throw ApiError.invalid(field, "'" + field + "' must be the intent's currency (" + intentCurrency.code() + "); got '"
          + currency + "'");
    }
    return intentCurrency;
  }
}
