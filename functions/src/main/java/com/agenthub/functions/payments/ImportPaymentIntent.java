package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/**
 * POST a legacy payment intent with its legacy transactions (the migration's import path): 201 with
 * the intent written as history with its ledger, in one commit and without the processor; 200 with
 * the one its legacy id already imported (nothing written); 400 naming the field that does not add up.
 */
public final class ImportPaymentIntent extends EndpointFunction {

  public ImportPaymentIntent() {
    this(Services.production());
  }

  public ImportPaymentIntent(Services services) {
    super(HttpEndpoint.of("ImportPaymentIntent", "POST", Scope.PAYMENTS_WRITE, services.authenticator(), call -> {
      var imported = services.payments().legacyImports().importIntent(call.organizationId(), LegacyPaymentJson.intent(call.body()));
      var json = PaymentJson.of(imported.intent());
      return (imported.created() ? ApiReply.created(json) : ApiReply.ok(json)).withHeader("ETag", ETags.of(imported.intent().version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
