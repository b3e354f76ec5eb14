package com.agenthub.shared.adapter.stripe;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.payments.ProcessorEvent;
import com.agenthub.shared.payments.ProcessorEventVerifier;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verifies {@code Stripe-Signature} with stripe-java's own verifier (HMAC-SHA256 over
 * {@code t.rawbody}, constant-time compare, timestamp tolerance) against every current secret, so a
 * secret can be rotated without a window of refused deliveries; only then parses the event.
 */
public final class StripeWebhookVerifier implements ProcessorEventVerifier {

  /** Stripe's own default: a signature older than five minutes is a replay. */
  public static final long TOLERANCE_SECONDS = Webhook.DEFAULT_TOLERANCE;
  public static final String HEADER = "Stripe-Signature";

  private final List<String> secrets;
  private final String processor;
  private final Clock clock;

  public StripeWebhookVerifier(List<String> secrets, String processor, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is needed");
    }
    this.secrets = List.copyOf(secrets);
    this.processor = processor;
    this.clock = clock;
  }

  @Override
  public ProcessorEvent verify(String rawBody, Optional<String> signatureHeader) {
    String header = signatureHeader.orElseThrow(() -> ApiError.invalid(HEADER, "the Stripe-Signature header is missing"));
    if (!verifiedByAnySecret(rawBody, header)) {
      throw ApiError.invalid(HEADER, "the Stripe-Signature header does not verify (wrong secret, altered body, "
          + "or older than " + TOLERANCE_SECONDS + " s)");
    }
    try {
      JsonObject event = JsonParser.parseString(rawBody).getAsJsonObject();
      JsonObject object = event.getAsJsonObject("data").getAsJsonObject("object");
      String kind = object.has("object") ? object.get("object").getAsString() : "";
      return new ProcessorEvent(event.get("id").getAsString(), event.get("type").getAsString(),
          Instant.ofEpochSecond(event.get("created").getAsLong()), processor,
          kind.equals("payment_intent") ? Optional.of(StripeIntentJson.parse(object)) : Optional.empty(),
          kind.equals("refund") ? Optional.of(StripeRefundJson.parse(object)) : Optional.empty());
    } catch (ApiError e) {
      throw e;
    } catch (RuntimeException e) {
      throw ApiError.invalid("body", "a signed body that is not a Stripe event: " + e.getMessage());
    }
  }

  private boolean verifiedByAnySecret(String rawBody, String header) {
    for (String secret : secrets) {
      try {
        if (Webhook.Signature.verifyHeader(rawBody, header, secret, TOLERANCE_SECONDS, clock)) {
          return true;
        }
      } catch (SignatureVerificationException e) {
        // Try the next secret: during a rotation the sender may sign with either.
      }
    }
    return false;
  }
}
