package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.functions.PageJson;
import java.util.Set;

/** GET the caller's ledger entries, or one intent's by ?payment_intent_id=, oldest first, cursor-paginated. */
public final class ListLedgerEntries extends EndpointFunction {

  public ListLedgerEntries() {
    this(Services.production());
  }

  public ListLedgerEntries(Services services) {
    super(HttpEndpoint.of("ListLedgerEntries", "GET", Scope.PAYMENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("payment_intent_id", "page_size", "page_token"));
      var page = services.payments().ledger().entries(call.organizationId(), call.query().optional("payment_intent_id"),
          PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("ledger_entries", page, PaymentJson::of));
    }));
  }
}
