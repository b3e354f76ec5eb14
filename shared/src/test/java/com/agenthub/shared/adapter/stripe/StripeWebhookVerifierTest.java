package com.agenthub.shared.adapter.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.local.payments.StripeSignatureHeader;
import com.agenthub.shared.payments.PaymentStatus;
import com.agenthub.shared.payments.ProcessorEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signature rules, with a fixed clock: secrets, tolerance, exact body; then the event as parsed. */
class StripeWebhookVerifierTest {

  private static final long NOW = 1_764_300_000L;
  private static final String BODY = "{\"id\": \"evt_1\", \"object\": \"event\", \"created\": 1764299990, "
      + "\"type\": \"payment_intent.succeeded\", \"data\": {\"object\": {\"id\": \"pi_1\", \"object\": \"payment_intent\", "
      + "\"status\": \"succeeded\", \"amount_capturable\": 0, \"amount_received\": 700}}}";
  private final StripeWebhookVerifier verifier = new StripeWebhookVerifier(List.of("whsec_new", "whsec_old"), "stripe",
      Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

  @Test
  void aBodySignedWithEitherCurrentSecretWithinToleranceIsAnEvent() {
    for (String secret : List.of("whsec_new", "whsec_old")) {
      ProcessorEvent event = verifier.verify(BODY, Optional.of(StripeSignatureHeader.sign(secret, NOW - 300, BODY)));
      assertEquals("evt_1", event.id());
      assertEquals(Instant.ofEpochSecond(1764299990), event.created());
      assertEquals(PaymentStatus.SUCCEEDED, event.intent().orElseThrow().status());
      assertEquals(700, event.intent().orElseThrow().amountReceived());
    }
  }

  @Test
  void anythingElseIsA400NamingTheHeader() {
    assertRefused(Optional.empty(), BODY);
    assertRefused(Optional.of(StripeSignatureHeader.sign("whsec_other", NOW, BODY)), BODY);
    assertRefused(Optional.of(StripeSignatureHeader.sign("whsec_new", NOW - 301, BODY)), BODY);
    assertRefused(Optional.of(StripeSignatureHeader.sign("whsec_new", NOW, BODY)), BODY.replace("700", "7000"));
    assertRefused(Optional.of("v1=abc"), BODY);
    assertRefused(Optional.of(StripeSignatureHeader.sign("whsec_new", NOW, BODY).replace("v1=", "v0=")), BODY);
  }

  private void assertRefused(Optional<String> header, String body) {
    ApiError error = assertThrows(ApiError.class, () -> verifier.verify(body, header));
    assertEquals(Optional.of("Stripe-Signature"), error.field());
  }
}
