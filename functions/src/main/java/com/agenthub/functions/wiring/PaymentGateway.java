package com.agenthub.functions.wiring;

import com.agenthub.shared.adapter.stripe.StripePaymentProcessor;
import com.agenthub.shared.adapter.stripe.StripeWebhookVerifier;
import com.agenthub.shared.local.payments.SimulatedPaymentProcessor;
import com.agenthub.shared.local.payments.WebhookDelivery;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.ProcessorEventVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The payment processor and the verifier of its webhooks, chosen by {@link Settings#PAYMENTS_PROCESSOR}:
 * Stripe in Google Cloud, the simulated processor on the local stack and in tests. Each is built
 * on its own, so a function holds only the secret it uses (the API key, or the webhook secrets);
 * the simulated classes are only loaded when chosen.
 */
public final class PaymentGateway {

  /** What the simulated processor signs with when no secret is configured (never valid with Stripe). */
  public static final String LOCAL_WEBHOOK_SECRET = "whsec_simulated_local_only";

  private PaymentGateway() {}

  public static PaymentProcessor processor(Clock clock) {
    if (simulated()) {
      WebhookDelivery delivery = new WebhookDelivery(() -> Settings.get(Settings.PAYMENTS_SIMULATOR_WEBHOOK_URL),
          webhookSecrets().orElse(List.of(LOCAL_WEBHOOK_SECRET)).get(0), clock);
      return new SimulatedPaymentProcessor(delivery, clock, Duration.ofMillis(100));
    }
    String apiKey = Settings.get(Settings.STRIPE_API_KEY).orElseThrow(() -> new IllegalStateException(
        Settings.STRIPE_API_KEY + " is not set: the Stripe processor needs the account's secret key"));
    return StripePaymentProcessor.connect(apiKey, Settings.get(Settings.STRIPE_API_BASE));
  }

  public static ProcessorEventVerifier verifier(Clock clock) {
    if (simulated()) {
      return new StripeWebhookVerifier(webhookSecrets().orElse(List.of(LOCAL_WEBHOOK_SECRET)), SimulatedPaymentProcessor.NAME,
          clock);
    }
    return new StripeWebhookVerifier(webhookSecrets().orElseThrow(() -> new IllegalStateException(
        Settings.STRIPE_WEBHOOK_SECRETS + " is not set: give the endpoint's signing secret(s), comma-separated")),
        StripePaymentProcessor.NAME, clock);
  }

  private static boolean simulated() {
    String choice = Settings.get(Settings.PAYMENTS_PROCESSOR).orElse(StripePaymentProcessor.NAME);
    return switch (choice) {
      case StripePaymentProcessor.NAME -> false;
      case SimulatedPaymentProcessor.NAME -> true;
      default -> throw new IllegalStateException(Settings.PAYMENTS_PROCESSOR + " must be stripe or simulated, got '" + choice + "'");
    };
  }

  /** Several at once during a rotation: the new secret first, the old one until the endpoint no longer uses it. */
  private static java.util.Optional<List<String>> webhookSecrets() {
    return Settings.get(Settings.STRIPE_WEBHOOK_SECRETS)
        .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .filter(list -> !list.isEmpty());
  }
}
