package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.ETags;
import java.util.Set;

/** POST a capture of an intent in requires_capture, all or amount_to_capture of it (Idempotency-Key required). */
public final class CapturePaymentIntent extends EndpointFunction {

  public CapturePaymentIntent() {
    this(Services.production());
  }

  public CapturePaymentIntent(Services services) {
    super(HttpEndpoint.of("CapturePaymentIntent", "POST", Scope.PAYMENTS_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("payment_intent_id", "amount_to_capture"));
      var intent = services.payments().actions().capture(call.organizationId(),
          call.body().requiredString("payment_intent_id"), PaymentJson.amount(call.body(), "amount_to_capture"));
      return ApiReply.ok(PaymentJson.of(intent)).withHeader("ETag", ETags.of(intent.version()));
    }).idempotencyKeyRequired(services.idempotencyKeys()));
  }
}
