package com.agenthub.shared.adapter.stripe;

import com.agenthub.shared.payments.CancellationReason;
import com.agenthub.shared.payments.CaptureMethod;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.ProcessorException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import java.util.Locale;

/**
 * The processor port on Stripe's official client. Every mutation sends Stripe an Idempotency-Key,
 * so our retries are Stripe's no-ops; a declined card is an answer (the intent back in
 * requires_payment_method with its last_payment_error), not a failure.
 */
public final class StripePaymentProcessor implements PaymentProcessor {

  public static final String NAME = "stripe";

  private final StripeClient client;

  public StripePaymentProcessor(StripeClient client) {
    this.client = client;
  }

  /** A client for the real API, or, given {@code apiBase}, for a stand-in of it (tests). */
  public static StripePaymentProcessor connect(String apiKey, java.util.Optional<String> apiBase) {
    StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(apiKey).setMaxNetworkRetries(2);
    apiBase.ifPresent(builder::setApiBase);
    return new StripePaymentProcessor(builder.build());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProcessorIntent create(CreateRequest request, String idempotencyKey) {
    PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
        .setAmount(request.amount())
        .setCurrency(request.currency())
        .setCaptureMethod(request.captureMethod() == CaptureMethod.MANUAL
            ? PaymentIntentCreateParams.CaptureMethod.MANUAL : PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
        .putMetadata("agenthub_payment_intent_id", request.intentId())
        .putMetadata("agenthub_organization_id", request.organizationId());
    request.description().ifPresent(params::setDescription);
    request.paymentMethod().ifPresent(pm -> params.setPaymentMethod(pm).setConfirm(true));
    return call(() -> client.v1().paymentIntents().create(params.build(), options(idempotencyKey)));
  }

  @Override
  public ProcessorIntent capture(String processorIntentId, long amountToCapture, String idempotencyKey) {
    return call(() -> client.v1().paymentIntents().capture(processorIntentId,
        PaymentIntentCaptureParams.builder().setAmountToCapture(amountToCapture).build(), options(idempotencyKey)));
  }

  @Override
  public ProcessorIntent cancel(String processorIntentId, CancellationReason reason, String idempotencyKey) {
    return call(() -> client.v1().paymentIntents().cancel(processorIntentId,
        PaymentIntentCancelParams.builder().setCancellationReason(
            PaymentIntentCancelParams.CancellationReason.valueOf(reason.name())).build(), options(idempotencyKey)));
  }

  @Override
  public ProcessorRefund refund(String processorIntentId, String refundId, long amount, String idempotencyKey) {
    try {
      return StripeRefundJson.parse(raw(client.v1().refunds().create(RefundCreateParams.builder()
          .setPaymentIntent(processorIntentId).setAmount(amount).putMetadata(StripeRefundJson.REFUND_ID, refundId).build(),
          options(idempotencyKey))));
    } catch (StripeException e) {
      throw translate(e);
    }
  }

  @Override
  public ProcessorRefund retrieveRefund(String processorRefundId) {
    try {
      return StripeRefundJson.parse(raw(client.v1().refunds().retrieve(processorRefundId)));
    } catch (StripeException e) {
      throw translate(e);
    }
  }

  @Override
  public ProcessorIntent retrieve(String processorIntentId) {
    return call(() -> client.v1().paymentIntents().retrieve(processorIntentId));
  }

  @FunctionalInterface
  private interface StripeCall {
    PaymentIntent run() throws StripeException;
  }

  private static ProcessorIntent call(StripeCall call) {
    try {
      return parse(call.run());
    } catch (CardException e) {
      // A decline on confirmation: Stripe's error carries the intent in its new state.
      if (e.getStripeError() != null && e.getStripeError().getPaymentIntent() != null) {
        return parse(e.getStripeError().getPaymentIntent());
      }
      throw translate(e);
    } catch (StripeException e) {
      throw translate(e);
    }
  }

  private static ProcessorIntent parse(PaymentIntent intent) {
    return StripeIntentJson.parse(raw(intent));
  }

  /** The object exactly as Stripe sent it (our parsers read Stripe's wire names, one place for each). */
  private static JsonObject raw(com.stripe.model.StripeObject object) {
    return object.getRawJsonObject() != null ? object.getRawJsonObject()
        : JsonParser.parseString(object.toJson()).getAsJsonObject();
  }

  private static ProcessorException translate(StripeException e) {
    boolean transientFailure = e instanceof ApiConnectionException || e instanceof RateLimitException
        || e instanceof ApiException || (e.getStatusCode() != null && e.getStatusCode() >= 500);
    return new ProcessorException(transientFailure ? ProcessorException.Reason.UNAVAILABLE : ProcessorException.Reason.REFUSED,
        e.getMessage(), e);
  }

  private static RequestOptions options(String idempotencyKey) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }
}
