package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import java.util.Map;
import java.util.Optional;

/** A request to create a payment intent; valid once constructed. */
public record NewPaymentIntent(
    long amount,
    Currencies.Currency currency,
    CaptureMethod captureMethod,
    Optional<String> description,
    Optional<String> customerRef,
    Map<String, String> metadata,
    Optional<String> paymentMethod) {

  static final int MAX_DESCRIPTION = 1000;
  static final int MAX_REF = 200;

  public NewPaymentIntent {
    Currencies.requireChargeAmount("amount", amount, currency);
    description = description.map(d -> bounded("description", d, MAX_DESCRIPTION));
    customerRef = customerRef.map(c -> bounded("customer_ref", c, MAX_REF));
    paymentMethod = paymentMethod.map(NewPaymentIntent::paymentMethod);
    metadata = Map.copyOf(metadata);
  }

  /** The request in one canonical line: a reused Idempotency-Key with another request derives another id. */
  String fingerprint() {
    return amount + "|" + currency.code() + "|" + captureMethod.wire() + "|" + description.orElse("") + "|"
        + customerRef.orElse("") + "|" + new java.util.TreeMap<>(metadata) + "|" + paymentMethod.orElse("");
  }

  private static String bounded(String field, String value, int max) {
    if (value.isBlank() || value.length() > max) {
      throw ApiError.invalid(field, "'" + field + "' must be 1.." + max + " characters");
    }
    return value;
  }

  /** A processor's payment method id (pm_…, or a test method such as pm_card_visa). Never card data. */
  private static String paymentMethod(String value) {
    if (!value.matches("pm_[A-Za-z0-9_+]{1,100}")) {
      throw ApiError.invalid("payment_method", "'payment_method' must be a payment method id such as pm_card_visa");
    }
    return value;
  }
}
