package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.functions.PageJson;
import com.agenthub.shared.payments.PaymentIntentFilter;
import com.agenthub.shared.payments.PaymentStatus;
import java.util.Set;

/** GET the caller's payment intents, newest first, by ?status=, ?customer_ref=, ?created_from=&created_to=, cursor-paginated. */
public final class ListPaymentIntents extends EndpointFunction {

  public ListPaymentIntents() {
    this(Services.production());
  }

  public ListPaymentIntents(Services services) {
    super(HttpEndpoint.of("ListPaymentIntents", "GET", Scope.PAYMENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("status", "customer_ref", "created_from", "created_to", "page_size", "page_token"));
      PaymentIntentFilter filter = new PaymentIntentFilter(
          call.query().optional("status").map(s -> PaymentStatus.parse("status", s)),
          call.query().optional("customer_ref"),
          call.query().optional("created_from").map(t -> PaymentJson.instant("created_from", t)),
          call.query().optional("created_to").map(t -> PaymentJson.instant("created_to", t)));
      var page = services.payments().intents().list(call.organizationId(), filter, PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("payment_intents", page, PaymentJson::of));
    }));
  }
}
