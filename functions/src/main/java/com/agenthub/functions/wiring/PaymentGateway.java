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
 * Stripe in Google Cloud, the simulated processor on the local stack and in tests. The simulated
 * classes are only loaded when chosen.
 */
public record PaymentGateway(PaymentProcessor processor, ProcessorEventVerifier verifier) {

  /** What the simulated processor signs with when no secret is configured (never valid with Stripe). */
  public static final String LOCAL_WEBHOOK_SECRET = "whsec_simulated_local_only";

  public static PaymentGateway fromSettings(Clock clock) {
    String choice = Settings.get(Settings.PAYMENTS_PROCESSOR).orElse(StripePaymentProcessor.NAME);
    return switch (choice) {
      case StripePaymentProcessor.NAME -> stripe(clock);
      case SimulatedPaymentProcessor.NAME -> simulated(clock);
      default -> throw new IllegalStateException(Settings.PAYMENTS_PROCESSOR + " must be stripe or simulated, got '" + choice + "'");
    };
  }

  private static PaymentGateway stripe(Clock clock) {
    String apiKey = Settings.get(Settings.STRIPE_API_KEY).orElseThrow(() -> new IllegalStateException(
        Settings.STRIPE_API_KEY + " is not set: the Stripe processor needs the account's secret key"));
    return new PaymentGateway(StripePaymentProcessor.connect(apiKey, Settings.get(Settings.STRIPE_API_BASE)),
        new StripeWebhookVerifier(webhookSecrets().orElseThrow(() -> new IllegalStateException(
            Settings.STRIPE_WEBHOOK_SECRETS + " is not set: give the endpoint's signing secret(s), comma-separated")),
            StripePaymentProcessor.NAME, clock));
  }

  private static PaymentGateway simulated(Clock clock) {
    List<String> secrets = webhookSecrets().orElse(List.of(LOCAL_WEBHOOK_SECRET));
    WebhookDelivery delivery = new WebhookDelivery(() -> Settings.get(Settings.PAYMENTS_SIMULATOR_WEBHOOK_URL),
        secrets.get(0), clock);
    return new PaymentGateway(new SimulatedPaymentProcessor(delivery, clock, Duration.ofMillis(100)),
        new StripeWebhookVerifier(secrets, SimulatedPaymentProcessor.NAME, clock));
  }

  /** Several at once during a rotation: the new secret first, the old one until the endpoint no longer uses it. */
  private static java.util.Optional<List<String>> webhookSecrets() {
    return Settings.get(Settings.STRIPE_WEBHOOK_SECRETS)
        .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .filter(list -> !list.isEmpty());
  }
}
