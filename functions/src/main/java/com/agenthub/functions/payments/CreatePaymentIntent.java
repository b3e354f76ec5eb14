package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.idempotency.IdempotencyKeys;
import com.agenthub.shared.json.Json;

/** POST a payment intent (Idempotency-Key required); 201 with it, its ETag and, this once, its client_secret. */
public final class CreatePaymentIntent extends EndpointFunction {

  public CreatePaymentIntent() {
    this(Services.production());
  }

  public CreatePaymentIntent(Services services) {
    super(HttpEndpoint.of("CreatePaymentIntent", "POST", Scope.PAYMENTS_WRITE, services.authenticator(), call -> {
      var created = services.payments().intents().create(call.organizationId(), PaymentJson.newIntent(call.body()),
          call.header(IdempotencyKeys.FIELD));
      var json = PaymentJson.of(created.intent());
      json.add("client_secret", Json.toJson(created.clientSecret().orElse(null)));
      return ApiReply.created(json).withHeader("ETag", ETags.of(created.intent().version()));
    }).idempotencyKeyRequired(services.idempotencyKeys()));
  }
}
