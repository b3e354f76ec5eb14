package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET one of the caller's refunds by ?refund_id=: pending until the processor settles it, then succeeded or failed. */
public final class GetRefund extends EndpointFunction {

  public GetRefund() {
    this(Services.production());
  }

  public GetRefund(Services services) {
    super(HttpEndpoint.of("GetRefund", "GET", Scope.PAYMENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("refund_id"));
      return ApiReply.ok(PaymentJson.of(services.payments().intents().refund(call.organizationId(),
          call.query().required("refund_id"))));
    }));
  }
}
