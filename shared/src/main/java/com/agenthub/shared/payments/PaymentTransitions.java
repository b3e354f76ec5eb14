package com.agenthub.shared.payments;

import static com.agenthub.shared.payments.PaymentStatus.CANCELED;
import static com.agenthub.shared.payments.PaymentStatus.PROCESSING;
import static com.agenthub.shared.payments.PaymentStatus.REQUIRES_ACTION;
import static com.agenthub.shared.payments.PaymentStatus.REQUIRES_CAPTURE;
import static com.agenthub.shared.payments.PaymentStatus.REQUIRES_CONFIRMATION;
import static com.agenthub.shared.payments.PaymentStatus.REQUIRES_PAYMENT_METHOD;
import static com.agenthub.shared.payments.PaymentStatus.SUCCEEDED;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The payment state machine as data. Operations a caller asks for: which statuses allow them
 * (Stripe: capture only from requires_capture; cancel from requires_payment_method,
 * requires_confirmation, requires_action and requires_capture; refunds of a succeeded payment).
 * Moves the processor reports: which next statuses each status may take; anything else (a late
 * {@code processing} after {@code succeeded}) is recorded but not applied, so statuses only move forward.
 */
public final class PaymentTransitions {

  static final Map<PaymentOperation, Set<PaymentStatus>> OPERATIONS = Map.of(
      PaymentOperation.CAPTURE, EnumSet.of(REQUIRES_CAPTURE),
      PaymentOperation.CANCEL, EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_ACTION, REQUIRES_CAPTURE),
      PaymentOperation.REFUND, EnumSet.of(SUCCEEDED));

  static final Map<PaymentStatus, Set<PaymentStatus>> PROCESSOR_MOVES = Map.of(
      REQUIRES_PAYMENT_METHOD, EnumSet.of(REQUIRES_CONFIRMATION, REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED),
      REQUIRES_CONFIRMATION, EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED),
      // A failed attempt sends the intent back to requires_payment_method, as Stripe does.
      REQUIRES_ACTION, EnumSet.of(REQUIRES_PAYMENT_METHOD, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED),
      PROCESSING, EnumSet.of(REQUIRES_PAYMENT_METHOD, REQUIRES_CAPTURE, SUCCEEDED, CANCELED),
      REQUIRES_CAPTURE, EnumSet.of(SUCCEEDED, CANCELED),
      SUCCEEDED, EnumSet.noneOf(PaymentStatus.class),
      CANCELED, EnumSet.noneOf(PaymentStatus.class));

  private PaymentTransitions() {}

  public static boolean allows(PaymentOperation operation, PaymentStatus current) {
    return OPERATIONS.get(operation).contains(current);
  }

  /** Refuses an operation the current status does not allow: a 409 that names the status. */
  public static void require(PaymentOperation operation, PaymentStatus current) {
    if (!allows(operation, current)) {
      throw ApiError.withField(ErrorKind.CONFLICT, "status", "cannot " + operation.wire()
          + " a payment intent whose status is " + current.wire() + "; allowed from "
          + OPERATIONS.get(operation).stream().map(PaymentStatus::wire).toList());
    }
  }

  /** Whether the processor may move an intent from {@code current} to {@code next}. */
  public static boolean processorMayMove(PaymentStatus current, PaymentStatus next) {
    return PROCESSOR_MOVES.get(current).contains(next);
  }
}
