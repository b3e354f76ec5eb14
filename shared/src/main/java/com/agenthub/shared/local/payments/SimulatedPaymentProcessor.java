package com.agenthub.shared.local.payments;

import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.payments.CancellationReason;
import com.agenthub.shared.payments.CaptureMethod;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.PaymentStatus;
import com.agenthub.shared.payments.ProcessorException;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for Stripe's test mode, for the local stack and the tests: it keeps its own intents
 * in memory, plays the customer confirming them (as a browser would with the client secret) by the
 * scenario of their test payment method, and tells the platform through webhooks signed exactly as
 * Stripe signs them. Idempotency keys are honoured like Stripe's: a repeated key returns the first answer.
 */
public final class SimulatedPaymentProcessor implements PaymentProcessor {

  public static final String NAME = "simulated";
  private static final EnumSet<PaymentStatus> CANCELABLE = EnumSet.of(PaymentStatus.REQUIRES_PAYMENT_METHOD,
      PaymentStatus.REQUIRES_CONFIRMATION, PaymentStatus.REQUIRES_ACTION, PaymentStatus.REQUIRES_CAPTURE);

  private final Map<String, Intent> intents = new ConcurrentHashMap<>();
  private final Map<String, SimulatedRefund> refunds = new ConcurrentHashMap<>();
  private final Map<String, Object> answers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService customer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "simulated-payment-customer");
    thread.setDaemon(true);
    return thread;
  });
  private final WebhookDelivery delivery;
  private final Clock clock;
  private final Duration delay;

  /** One simulated intent; guarded by its own monitor. */
  private static final class Intent {
    final String id;
    final long amount;
    final String currency;
    final CaptureMethod captureMethod;
    final Map<String, String> metadata;
    final SimulatedScenario scenario;
    PaymentStatus status;
    long capturable;
    long received;
    long refunded;
    Map<String, Object> lastError;
    String cancellationReason;
    /** Event times are whole seconds, as Stripe's: each event of an intent one second after the previous. */
    long lastEventSecond;

    Intent(String id, CreateRequest request, SimulatedScenario scenario, PaymentStatus status, long now) {
      this.id = id;
      this.amount = request.amount();
      this.currency = request.currency();
      this.captureMethod = request.captureMethod();
      this.metadata = Map.of("agenthub_payment_intent_id", request.intentId(),
          "agenthub_organization_id", request.organizationId());
      this.scenario = scenario;
      this.status = status;
      this.lastEventSecond = now;
    }
  }

  /** One simulated refund; guarded by its intent's monitor. */
  private static final class SimulatedRefund {
    final String id;
    final Intent intent;
    final String refundId;
    final long amount;
    String status;

    SimulatedRefund(String id, Intent intent, String refundId, long amount, String status) {
      this.id = id;
      this.intent = intent;
      this.refundId = refundId;
      this.amount = amount;
      this.status = status;
    }

    ProcessorRefund view() {
      return new ProcessorRefund(id, status, intent.id, Optional.of(refundId));
    }

    JsonObject json() {
      JsonObject object = new JsonObject();
      object.addProperty("id", id);
      object.addProperty("object", "refund");
      object.addProperty("amount", amount);
      object.addProperty("currency", intent.currency);
      JsonObject metadata = new JsonObject();
      metadata.addProperty("agenthub_refund_id", refundId);
      object.add("metadata", metadata);
      object.addProperty("payment_intent", intent.id);
      object.addProperty("status", status);
      return object;
    }
  }

  public SimulatedPaymentProcessor(WebhookDelivery delivery, Clock clock, Duration delay) {
    this.delivery = delivery;
    this.clock = clock;
    this.delay = delay;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ProcessorIntent create(CreateRequest request, String idempotencyKey) {
    return once(idempotencyKey, () -> {
      SimulatedScenario scenario = SimulatedScenario.of(request.paymentMethod()).orElseThrow(() -> new ProcessorException(
          ProcessorException.Reason.REFUSED, "No such PaymentMethod: '" + request.paymentMethod().orElse("") + "'; "
          + "the simulated processor knows " + SimulatedScenario.PAYMENT_METHODS, null));
      String id = "pi_sim_" + Ids.newId();
      PaymentStatus initial = request.paymentMethod().isPresent()
          ? PaymentStatus.REQUIRES_CONFIRMATION : PaymentStatus.REQUIRES_PAYMENT_METHOD;
      Intent intent = new Intent(id, request, scenario, initial, clock.instant().getEpochSecond());
      intents.put(id, intent);
      if (!scenario.steps().isEmpty()) {
        customer.schedule(() -> confirm(intent), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
      return new ProcessorIntent(id, initial, 0, 0, Optional.of(id + "_secret_" + Ids.newId()), Optional.empty());
    });
  }

  /** The simulated customer confirms: each step of the scenario happens, and its events go out as the scenario says. */
  private void confirm(Intent intent) {
    List<String> events = new ArrayList<>();
    for (SimulatedScenario.Step step : intent.scenario.steps()) {
      synchronized (intent) {
        if (intent.status.isFinal() || intent.status == PaymentStatus.REQUIRES_CAPTURE) {
          break;
        }
        PaymentStatus next = SimulatedScenario.statusAfter(step, intent.captureMethod == CaptureMethod.MANUAL);
        intent.status = next;
        intent.lastError = null;
        if (next == PaymentStatus.REQUIRES_CAPTURE) {
          intent.capturable = intent.amount;
        } else if (next == PaymentStatus.SUCCEEDED) {
          intent.received = intent.amount;
        } else if (step == SimulatedScenario.Step.FAILED) {
          intent.lastError = Map.of("type", "card_error", "code", "card_declined", "decline_code", "generic_decline",
              "message", "Your card was declined.");
        }
        events.add(event(intent, eventType(step, next)));
      }
    }
    List<String> order = new ArrayList<>();
    for (String event : events) {
      for (int copy = 0; copy < (intent.scenario.duplicates() ? 3 : 1); copy++) {
        order.add(event);
      }
    }
    if (intent.scenario.reversed()) {
      java.util.Collections.reverse(order);
    }
    if (!intent.scenario.lost()) {
      order.forEach(delivery::deliver);
    }
  }

  private static String eventType(SimulatedScenario.Step step, PaymentStatus next) {
    return switch (step) {
      case REQUIRES_ACTION -> "payment_intent.requires_action";
      case PROCESSING -> "payment_intent.processing";
      case FAILED -> "payment_intent.payment_failed";
      case AUTHORIZED -> next == PaymentStatus.REQUIRES_CAPTURE ? "payment_intent.amount_capturable_updated"
          : "payment_intent.succeeded";
    };
  }

  @Override
  public ProcessorIntent capture(String processorIntentId, long amountToCapture, String idempotencyKey) {
    return once(idempotencyKey, () -> {
      Intent intent = find(processorIntentId);
      String event;
      synchronized (intent) {
        if (intent.status != PaymentStatus.REQUIRES_CAPTURE || amountToCapture > intent.capturable) {
          throw refused("This PaymentIntent could not be captured because it has a status of " + intent.status.wire());
        }
        intent.status = PaymentStatus.SUCCEEDED;
        intent.received = amountToCapture;
        intent.capturable = 0;
        event = event(intent, "payment_intent.succeeded");
      }
      customer.execute(() -> delivery.deliver(event));
      return view(intent);
    });
  }

  @Override
  public ProcessorIntent cancel(String processorIntentId, CancellationReason reason, String idempotencyKey) {
    return once(idempotencyKey, () -> {
      Intent intent = find(processorIntentId);
      String event;
      synchronized (intent) {
        if (!CANCELABLE.contains(intent.status)) {
          throw refused("This PaymentIntent could not be canceled because it has a status of " + intent.status.wire());
        }
        intent.status = PaymentStatus.CANCELED;
        intent.capturable = 0;
        intent.cancellationReason = reason.wire();
        event = event(intent, "payment_intent.canceled");
      }
      customer.execute(() -> delivery.deliver(event));
      return view(intent);
    });
  }

  /**
   * Refunds as Stripe's test cards make them: at once succeeded; {@code pm_card_pendingRefund}
   * pending, then succeeded by a {@code refund.updated} webhook; {@code pm_card_refundFail}
   * succeeded, then failed by a {@code refund.failed} webhook (the money comes back).
   */
  @Override
  public ProcessorRefund refund(String processorIntentId, String refundId, long amount, String idempotencyKey) {
    return once(idempotencyKey, () -> {
      Intent intent = find(processorIntentId);
      SimulatedRefund refund;
      synchronized (intent) {
        if (intent.status != PaymentStatus.SUCCEEDED || intent.refunded + amount > intent.received) {
          throw refused("Refund amount (" + amount + ") is greater than the unrefunded amount of the charge ("
              + (intent.received - intent.refunded) + ")");
        }
        intent.refunded += amount;
        refund = new SimulatedRefund("re_sim_" + Ids.newId(), intent, refundId, amount,
            intent.scenario.refundPending() ? "pending" : "succeeded");
        refunds.put(refund.id, refund);
      }
      if (intent.scenario.refundPending() || intent.scenario.refundFails()) {
        customer.schedule(() -> settleLater(refund), delay.toMillis(), TimeUnit.MILLISECONDS);
      }
      return refund.view();
    });
  }

  /** The bank's answer, some time after the refund: pending ones succeed, refundFail ones fail. */
  private void settleLater(SimulatedRefund refund) {
    String event;
    synchronized (refund.intent) {
      boolean fails = refund.intent.scenario.refundFails();
      refund.status = fails ? "failed" : "succeeded";
      if (fails) {
        refund.intent.refunded -= refund.amount;
      }
      event = event(refund.intent, refund.json(), fails ? "refund.failed" : "refund.updated");
    }
    for (int copy = 0; copy < (refund.intent.scenario.duplicates() ? 3 : 1) && !refund.intent.scenario.lost(); copy++) {
      delivery.deliver(event);
    }
  }

  @Override
  public ProcessorRefund retrieveRefund(String processorRefundId) {
    SimulatedRefund refund = refunds.get(processorRefundId);
    if (refund == null) {
      throw refused("No such refund: '" + processorRefundId + "'");
    }
    synchronized (refund.intent) {
      return refund.view();
    }
  }

  @Override
  public ProcessorIntent retrieve(String processorIntentId) {
    return view(find(processorIntentId));
  }

  private Intent find(String processorIntentId) {
    Intent intent = intents.get(processorIntentId);
    if (intent == null) {
      throw refused("No such payment_intent: '" + processorIntentId + "'");
    }
    return intent;
  }

  private static ProcessorIntent view(Intent intent) {
    synchronized (intent) {
      return new ProcessorIntent(intent.id, intent.status, intent.capturable, intent.received, Optional.empty(),
          Optional.ofNullable(intent.lastError), Optional.ofNullable(intent.cancellationReason));
    }
  }

  /** Stripe's event envelope around the intent as it is now. Call holding the intent's monitor. */
  private String event(Intent intent, String type) {
    return event(intent, intentJson(intent), type);
  }

  private static JsonObject intentJson(Intent intent) {
    JsonObject object = new JsonObject();
    object.addProperty("id", intent.id);
    object.addProperty("object", "payment_intent");
    object.addProperty("amount", intent.amount);
    object.addProperty("amount_capturable", intent.capturable);
    object.addProperty("amount_received", intent.received);
    object.addProperty("cancellation_reason", intent.cancellationReason);
    object.addProperty("capture_method", intent.captureMethod.wire());
    object.addProperty("currency", intent.currency);
    object.add("last_payment_error", intent.lastError == null ? JsonNull.INSTANCE : Json.toJson(intent.lastError));
    object.add("metadata", Json.toJson(intent.metadata));
    object.addProperty("livemode", false);
    object.addProperty("status", intent.status.wire());
    return object;
  }

  /** Stripe's event envelope around an object of the intent (itself or a refund). Call holding the intent's monitor. */
  private String event(Intent intent, JsonObject object, String type) {
    intent.lastEventSecond = Math.max(intent.lastEventSecond + 1, clock.instant().getEpochSecond());
    JsonObject data = new JsonObject();
    data.add("object", object);
    JsonObject event = new JsonObject();
    event.addProperty("id", "evt_sim_" + Ids.newId());
    event.addProperty("object", "event");
    event.addProperty("api_version", "2025-09-30.clover");
    event.addProperty("created", intent.lastEventSecond);
    event.add("data", data);
    event.addProperty("livemode", false);
    event.addProperty("pending_webhooks", 1);
    event.addProperty("type", type);
    return Json.GSON.toJson(event);
  }

  @SuppressWarnings("unchecked")
  private <T> T once(String idempotencyKey, java.util.function.Supplier<T> call) {
    Object earlier = answers.get(idempotencyKey);
    if (earlier != null) {
      return (T) earlier;
    }
    T answer = call.get();
    answers.putIfAbsent(idempotencyKey, answer);
    return answer;
  }

  private static ProcessorException refused(String message) {
    return new ProcessorException(ProcessorException.Reason.REFUSED, message, null);
  }
}
