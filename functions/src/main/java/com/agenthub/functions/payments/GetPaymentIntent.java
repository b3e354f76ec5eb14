package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.ETags;
import java.util.Set;

/** GET one of the caller's payment intents by ?payment_intent_id=, with its ETag. */
public final class GetPaymentIntent extends EndpointFunction {

  public GetPaymentIntent() {
    this(Services.production());
  }

  public GetPaymentIntent(Services services) {
    super(HttpEndpoint.of("GetPaymentIntent", "GET", Scope.PAYMENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("payment_intent_id"));
      var intent = services.payments().intents().get(call.organizationId(), call.query().required("payment_intent_id"));
      return ApiReply.ok(PaymentJson.of(intent)).withHeader("ETag", ETags.of(intent.version()));
    }));
  }
}
