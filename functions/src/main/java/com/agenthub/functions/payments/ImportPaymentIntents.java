package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.BatchReplyJson;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.payments.LegacyIntent;
import com.agenthub.shared.payments.LegacyPaymentImports;
import java.util.List;
import java.util.Set;

/**
 * POST {@code {"intents": [...]}}: up to {@link LegacyPaymentImports#MAX_BATCH} legacy payment
 * intents, each as ImportPaymentIntent takes it (with its transactions), written as history in as
 * few commits as fit. Every intent is checked first (an invalid one is a 400 naming
 * {@code intents[i].field}, nothing written); then 200 with, per item, {@code created} or
 * {@code found} and the intent, or {@code error} (a conflict on {@code intents[i].legacy_id}).
 */
public final class ImportPaymentIntents extends EndpointFunction {

  public ImportPaymentIntents() {
    this(Services.production());
  }

  public ImportPaymentIntents(Services services) {
    super(HttpEndpoint.of("ImportPaymentIntents", "POST", Scope.PAYMENTS_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("intents"));
      List<LegacyIntent> intents = call.body().requiredObjects("intents", LegacyPaymentJson::intent);
      var imported = services.payments().legacyImports().importAll(call.organizationId(), intents);
      return ApiReply.ok(BatchReplyJson.of("intents", "payment_intent", imported, one -> PaymentJson.of(one.intent()),
          LegacyPaymentImports.Imported::created));
    }).idempotent(services.idempotencyKeys()));
  }
}
