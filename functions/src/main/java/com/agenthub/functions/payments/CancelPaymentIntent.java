package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.payments.CancellationReason;
import java.util.Set;

/** POST a cancellation, from the statuses Stripe allows, with an optional cancellation_reason (Idempotency-Key required). */
public final class CancelPaymentIntent extends EndpointFunction {

  public CancelPaymentIntent() {
    this(Services.production());
  }

  public CancelPaymentIntent(Services services) {
    super(HttpEndpoint.of("CancelPaymentIntent", "POST", Scope.PAYMENTS_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("payment_intent_id", "cancellation_reason"));
      var intent = services.payments().actions().cancel(call.organizationId(), call.body().requiredString("payment_intent_id"),
          call.body().optionalString("cancellation_reason").map(r -> CancellationReason.parse("cancellation_reason", r)));
      return ApiReply.ok(PaymentJson.of(intent)).withHeader("ETag", ETags.of(intent.version()));
    }).idempotencyKeyRequired(services.idempotencyKeys()));
  }
}
