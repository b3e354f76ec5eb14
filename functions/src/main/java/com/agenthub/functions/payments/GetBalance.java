package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the caller's balances per currency, computed from every ledger entry. */
public final class GetBalance extends EndpointFunction {

  public GetBalance() {
    this(Services.production());
  }

  public GetBalance(Services services) {
    super(HttpEndpoint.of("GetBalance", "GET", Scope.PAYMENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of());
      return ApiReply.ok(PaymentJson.balances(services.payments().ledger().balances(call.organizationId())));
    }));
  }
}
