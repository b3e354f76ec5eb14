package com.agenthub.shared.local.payments;

import com.agenthub.shared.logging.StructuredLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Posts signed events to the webhook endpoint as Stripe would, retrying a few times on anything but 2xx. */
public final class WebhookDelivery {

  private static final int ATTEMPTS = 3;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Supplier<Optional<String>> url;
  private final String secret;
  private final Clock clock;

  public WebhookDelivery(Supplier<Optional<String>> url, String secret, Clock clock) {
    this.url = url;
    this.secret = secret;
    this.clock = clock;
  }

  /** Delivers one event body; true once the endpoint acknowledged it with a 2xx. */
  public boolean deliver(String body) {
    Optional<String> target = url.get();
    if (target.isEmpty()) {
      StructuredLog.warning("simulated processor: no webhook URL configured; event not delivered", Map.of());
      return false;
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      String signature = StripeSignatureHeader.sign(secret, clock.instant().getEpochSecond(), body);
      HttpRequest request = HttpRequest.newBuilder(URI.create(target.get())).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json; charset=utf-8").header("Stripe-Signature", signature)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return true;
        }
        StructuredLog.warning("simulated processor: webhook answered " + status, Map.of("attempt", attempt));
      } catch (java.io.IOException e) {
        StructuredLog.warning("simulated processor: webhook unreachable: " + e.getMessage(), Map.of("attempt", attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
