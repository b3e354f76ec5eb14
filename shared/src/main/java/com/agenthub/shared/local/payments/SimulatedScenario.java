package com.agenthub.shared.local.payments;

import com.agenthub.shared.payments.PaymentStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the simulated customer does with an intent, chosen by its test payment method like Stripe's
 * test cards, and how its events are delivered ({@code +duplicates}: each three times,
 * {@code +reversed}: in reverse order, {@code +lost}: never, as if every delivery failed).
 */
record SimulatedScenario(List<Step> steps, boolean refundFails, boolean refundPending, boolean duplicates, boolean reversed, boolean lost) {

  /** One event the simulated customer causes. */
  enum Step { REQUIRES_ACTION, PROCESSING, AUTHORIZED, FAILED }

  static final List<String> PAYMENT_METHODS = List.of("pm_card_visa", "pm_card_mastercard", "pm_card_chargeDeclined",
      "pm_card_threeDSecure", "pm_processing_succeeds", "pm_processing_fails", "pm_card_refundFail", "pm_card_pendingRefund");

  static Optional<SimulatedScenario> of(Optional<String> paymentMethod) {
    if (paymentMethod.isEmpty()) {
      return Optional.of(new SimulatedScenario(List.of(), false, false, false, false, false));
    }
    String[] parts = paymentMethod.get().split("\\+");
    List<String> modifiers = List.of(parts).subList(1, parts.length);
    List<Step> steps = switch (parts[0]) {
      case "pm_card_visa", "pm_card_mastercard", "pm_card_refundFail", "pm_card_pendingRefund" -> List.of(Step.AUTHORIZED);
      case "pm_card_chargeDeclined" -> List.of(Step.FAILED);
      case "pm_card_threeDSecure" -> List.of(Step.REQUIRES_ACTION, Step.AUTHORIZED);
      case "pm_processing_succeeds" -> List.of(Step.PROCESSING, Step.AUTHORIZED);
      case "pm_processing_fails" -> List.of(Step.PROCESSING, Step.FAILED);
      default -> null;
    };
    if (steps == null) {
      return Optional.empty();
    }
    return Optional.of(new SimulatedScenario(steps, parts[0].equals("pm_card_refundFail"), parts[0].equals("pm_card_pendingRefund"),
        modifiers.contains("duplicates"), modifiers.contains("reversed"), modifiers.contains("lost")));
  }

  /** Where a step leaves the intent. */
  static PaymentStatus statusAfter(Step step, boolean manualCapture) {
    return switch (step) {
      case REQUIRES_ACTION -> PaymentStatus.REQUIRES_ACTION;
      case PROCESSING -> PaymentStatus.PROCESSING;
      case AUTHORIZED -> manualCapture ? PaymentStatus.REQUIRES_CAPTURE : PaymentStatus.SUCCEEDED;
      case FAILED -> PaymentStatus.REQUIRES_PAYMENT_METHOD;
    };
  }
}
