package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint.Access;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.adapter.stripe.StripeWebhookVerifier;
import com.google.gson.JsonObject;

/** POST from the processor: a Stripe-signed event, applied exactly once; no API key (the signature authenticates it). */
public final class HandlePaymentWebhook extends EndpointFunction {

  public HandlePaymentWebhook() {
    this(Services.production());
  }

  public HandlePaymentWebhook(Services services) {
    super(HttpEndpoint.of("HandlePaymentWebhook", "POST", Access.SIGNED_REQUEST, services.authenticator(), call -> {
      var event = services.payments().webhookVerifier().verify(call.rawBody(), call.header(StripeWebhookVerifier.HEADER));
      var outcome = services.payments().events().apply(event);
      JsonObject json = new JsonObject();
      json.addProperty("received", true);
      json.addProperty("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
      return ApiReply.ok(json);
    }));
  }
}
