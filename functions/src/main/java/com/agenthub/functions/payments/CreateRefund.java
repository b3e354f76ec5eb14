package com.agenthub.functions.payments;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.idempotency.IdempotencyKeys;
import java.util.Set;

/** POST a refund of all or part of a succeeded payment; refunds never add up past amount_received (Idempotency-Key required). */
public final class CreateRefund extends EndpointFunction {

  public CreateRefund() {
    this(Services.production());
  }

  public CreateRefund(Services services) {
    super(HttpEndpoint.of("CreateRefund", "POST", Scope.PAYMENTS_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("payment_intent_id", "amount", "reason"));
      var refund = services.payments().actions().refund(call.organizationId(), call.body().requiredString("payment_intent_id"),
          PaymentJson.amount(call.body(), "amount"), call.body().optionalString("reason").map(PaymentJson::refundReason),
          call.header(IdempotencyKeys.FIELD));
      return ApiReply.created(PaymentJson.of(refund));
    }).idempotencyKeyRequired(services.idempotencyKeys()));
  }
}
