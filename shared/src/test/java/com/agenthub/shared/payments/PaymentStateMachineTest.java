package com.agenthub.shared.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every status × every operation, against one expected table written out here (not read from
 * PaymentTransitions): allowed cells end in the expected status, refused ones are a 409 that names
 * the current status and change nothing.
 */
class PaymentStateMachineTest {

  /** Stripe's rules, restated: capture from requires_capture; cancel before success; refund after it. */
  private static final Map<PaymentStatus, Map<PaymentOperation, PaymentStatus>> ALLOWED = Map.of(
      PaymentStatus.REQUIRES_PAYMENT_METHOD, Map.of(PaymentOperation.CANCEL, PaymentStatus.CANCELED),
      PaymentStatus.REQUIRES_CONFIRMATION, Map.of(PaymentOperation.CANCEL, PaymentStatus.CANCELED),
      PaymentStatus.REQUIRES_ACTION, Map.of(PaymentOperation.CANCEL, PaymentStatus.CANCELED),
      PaymentStatus.PROCESSING, Map.of(),
      PaymentStatus.REQUIRES_CAPTURE, Map.of(PaymentOperation.CAPTURE, PaymentStatus.SUCCEEDED,
          PaymentOperation.CANCEL, PaymentStatus.CANCELED),
      PaymentStatus.SUCCEEDED, Map.of(PaymentOperation.REFUND, PaymentStatus.SUCCEEDED),
      PaymentStatus.CANCELED, Map.of());

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final AgreeingProcessor processor = new AgreeingProcessor();
  private final Clock clock = Clock.systemUTC();
  private final PaymentIntents intents = new PaymentIntents(store, processor, clock);
  private final PaymentActions actions = new PaymentActions(store, processor, clock);
  private final Ledger ledger = new Ledger(store);

  @Test
  void everyStatusTimesEveryOperationIsAllowedOrA409NamingTheStatus() {
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (PaymentStatus status : PaymentStatus.values()) {
      for (PaymentOperation operation : PaymentOperation.values()) {
        cells++;
        String id = intentIn(status);
        PaymentIntent before = intents.get("org", id);
        Optional<PaymentStatus> expected = Optional.ofNullable(ALLOWED.get(status).get(operation));
        try {
          apply(operation, id);
          PaymentIntent after = intents.get("org", id);
          if (expected.isEmpty() || after.status() != expected.get()) {
            wrong.add(status.wire() + " × " + operation.wire() + " succeeded, now " + after.status().wire());
          }
        } catch (ApiError e) {
          boolean namesStatus = e.kind() == ErrorKind.CONFLICT && e.getMessage().contains(status.wire())
              && e.field().equals(Optional.of("status"));
          boolean unchanged = intents.get("org", id).equals(before);
          if (expected.isPresent() || !namesStatus || !unchanged) {
            wrong.add(status.wire() + " × " + operation.wire() + " refused: " + e.kind() + " " + e.getMessage());
          }
        }
      }
    }
    assertEquals(21, cells);
    assertEquals(List.of(), wrong);
    for (Balance balance : ledger.balances("org")) {
      assertEquals(0, balance.total(), "every transaction balanced");
    }
  }

  @Test
  void theProcessorOnlyMovesStatusesForward() {
    assertTrue(PaymentTransitions.processorMayMove(PaymentStatus.PROCESSING, PaymentStatus.SUCCEEDED));
    for (PaymentStatus late : PaymentStatus.values()) {
      assertEquals(false, PaymentTransitions.processorMayMove(PaymentStatus.SUCCEEDED, late), late.wire());
      assertEquals(false, PaymentTransitions.processorMayMove(PaymentStatus.CANCELED, late), late.wire());
    }
    assertEquals(false, PaymentTransitions.processorMayMove(PaymentStatus.REQUIRES_CAPTURE, PaymentStatus.PROCESSING));
  }

  private String intentIn(PaymentStatus status) {
    processor.startingIn(status);
    NewPaymentIntent request = new NewPaymentIntent(1000, Currencies.require("currency", "usd"), CaptureMethod.MANUAL,
        Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    PaymentIntent intent = intents.create("org", request).intent();
    assertEquals(status, intent.status());
    return intent.id();
  }

  private void apply(PaymentOperation operation, String id) {
    switch (operation) {
      case CAPTURE -> actions.capture("org", id, Optional.empty());
      case CANCEL -> actions.cancel("org", id, Optional.empty());
      case REFUND -> actions.refund("org", id, Optional.of(100L), Optional.empty());
    }
  }
}
