package com.agenthub.shared.adapter.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.adapter.stripe.StripeFixtureServer.Answer;
import com.agenthub.shared.adapter.stripe.StripeFixtureServer.Recorded;
import com.agenthub.shared.payments.CancellationReason;
import com.agenthub.shared.payments.CaptureMethod;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.PaymentStatus;
import com.agenthub.shared.payments.ProcessorException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe adapter on stripe-java, against a local server answering Stripe's response shapes
 * from fixture files: the requests it sends (paths, form fields, idempotency keys, the API key) and
 * what it makes of the answers, declines and errors included.
 */
class StripePaymentProcessorTest {

  private StripeFixtureServer stripe;
  private StripePaymentProcessor processor;

  @BeforeEach
  void start() throws Exception {
    stripe = new StripeFixtureServer(StripePaymentProcessorTest::route);
    processor = StripePaymentProcessor.connect("sk_test_fixture", Optional.of(stripe.apiBase()));
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  private static Answer route(Recorded request) {
    return switch (request.method() + " " + request.path()) {
      case "POST /v1/payment_intents" -> "pm_card_chargeDeclined".equals(request.form().get("payment_method"))
          ? new Answer(402, "error_card_declined.json") : new Answer(200, "payment_intent_requires_capture.json");
      case "POST /v1/payment_intents/pi_3QfixtureAbc123/capture" -> new Answer(200, "payment_intent_captured.json");
      case "POST /v1/payment_intents/pi_canceled/capture" -> new Answer(400, "error_unexpected_state.json");
      case "POST /v1/payment_intents/pi_3QfixtureAbc123/cancel" -> new Answer(200, "payment_intent_canceled.json");
      case "POST /v1/refunds" -> new Answer(200, "refund_succeeded.json");
      case "GET /v1/refunds/re_3QfixtureRefund" -> new Answer(200, "refund_failed.json");
      case "GET /v1/payment_intents/pi_3QfixtureAbc123" -> new Answer(200, "payment_intent_requires_capture.json");
      default -> new Answer(500, "error_api.json");
    };
  }

  @Test
  void createSendsAmountCurrencyCaptureMethodOurIdsAndAnIdempotencyKey() {
    PaymentProcessor.ProcessorIntent intent = processor.create(new PaymentProcessor.CreateRequest("AAAAAAAAAAAAAAAAAAAA",
        "BBBBBBBBBBBBBBBBBBBB", 2000, "usd", CaptureMethod.MANUAL, Optional.of("pm_card_visa"), Optional.of("fixture")),
        "create-AAAAAAAAAAAAAAAAAAAA");

    assertEquals("pi_3QfixtureAbc123", intent.id());
    assertEquals(PaymentStatus.REQUIRES_CAPTURE, intent.status());
    assertEquals(2000, intent.amountCapturable());
    assertEquals(Optional.of("pi_3QfixtureAbc123_secret_fixture"), intent.clientSecret());
    Recorded sent = stripe.requests.get(0);
    assertEquals("create-AAAAAAAAAAAAAAAAAAAA", sent.idempotencyKey());
    assertEquals("Bearer sk_test_fixture", sent.authorization());
    assertEquals("2000", sent.form().get("amount"));
    assertEquals("usd", sent.form().get("currency"));
    assertEquals("manual", sent.form().get("capture_method"));
    assertEquals("pm_card_visa", sent.form().get("payment_method"));
    assertEquals("true", sent.form().get("confirm"));
    assertEquals("AAAAAAAAAAAAAAAAAAAA", sent.form().get("metadata[agenthub_payment_intent_id]"));
    assertEquals("BBBBBBBBBBBBBBBBBBBB", sent.form().get("metadata[agenthub_organization_id]"));
  }

  @Test
  void aDeclineIsAnAnswerWithTheIntentBackInRequiresPaymentMethod() {
    PaymentProcessor.ProcessorIntent intent = processor.create(new PaymentProcessor.CreateRequest("AAAAAAAAAAAAAAAAAAAA",
        "BBBBBBBBBBBBBBBBBBBB", 2000, "usd", CaptureMethod.AUTOMATIC, Optional.of("pm_card_chargeDeclined"), Optional.empty()),
        "create-declined");
    assertEquals(PaymentStatus.REQUIRES_PAYMENT_METHOD, intent.status());
    Map<String, Object> error = intent.lastPaymentError().orElseThrow();
    assertEquals("card_declined", error.get("code"));
    assertEquals("generic_decline", error.get("decline_code"));
    assertEquals(false, error.containsKey("charge"), "only what says what happened is kept");
  }

  @Test
  void captureCancelRefundAndRetrieveUseStripesPathsAndParameters() {
    PaymentProcessor.ProcessorIntent captured = processor.capture("pi_3QfixtureAbc123", 1500, "capture-X");
    assertEquals(PaymentStatus.SUCCEEDED, captured.status());
    assertEquals(1500, captured.amountReceived());
    assertEquals("1500", stripe.requests.get(0).form().get("amount_to_capture"));
    assertEquals("capture-X", stripe.requests.get(0).idempotencyKey());

    assertEquals(PaymentStatus.CANCELED, processor.cancel("pi_3QfixtureAbc123", CancellationReason.ABANDONED, "cancel-X").status());
    assertEquals("abandoned", stripe.requests.get(1).form().get("cancellation_reason"));

    PaymentProcessor.ProcessorRefund refund = processor.refund("pi_3QfixtureAbc123", "REFUNDIDXXXXXXXXXXXX", 500, "refund-X");
    assertEquals("re_3QfixtureRefund", refund.id());
    assertEquals("succeeded", refund.status());
    assertEquals("pi_3QfixtureAbc123", refund.processorIntentId());
    assertEquals(Optional.of("REFUNDIDXXXXXXXXXXXX"), refund.refundId());
    assertEquals("pi_3QfixtureAbc123", stripe.requests.get(2).form().get("payment_intent"));
    assertEquals("500", stripe.requests.get(2).form().get("amount"));
    assertEquals("REFUNDIDXXXXXXXXXXXX", stripe.requests.get(2).form().get("metadata[agenthub_refund_id]"));
    assertEquals("refund-X", stripe.requests.get(2).idempotencyKey());

    assertEquals(PaymentStatus.REQUIRES_CAPTURE, processor.retrieve("pi_3QfixtureAbc123").status());
    assertEquals("GET", stripe.requests.get(3).method());

    // Stripe can fail a refund it first reported succeeded: retrieval reports it failed.
    assertEquals("failed", processor.retrieveRefund("re_3QfixtureRefund").status());
    assertEquals("GET", stripe.requests.get(4).method());
  }

  @Test
  void aRefusalAndAnOutageAreToldApart() {
    ProcessorException refused = assertThrows(ProcessorException.class, () -> processor.capture("pi_canceled", 100, "k1"));
    assertEquals(ProcessorException.Reason.REFUSED, refused.reason());
    ProcessorException down = assertThrows(ProcessorException.class, () -> processor.retrieve("pi_unknown_route"));
    assertEquals(ProcessorException.Reason.UNAVAILABLE, down.reason());
  }
}
