package com.agenthub.shared.local.payments;

import com.stripe.net.Webhook;

/**
 * Signs a webhook body exactly as Stripe does (https://docs.stripe.com/webhooks#verify-manually):
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * Local-only: the simulated processor and the tests sign with it; production only verifies.
 */
public final class StripeSignatureHeader {

  private StripeSignatureHeader() {}

  public static String sign(String secret, long timestampSeconds, String body) {
    try {
      return "t=" + timestampSeconds + ",v1=" + Webhook.Util.computeHmacSha256(secret, timestampSeconds + "." + body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
