package com.agenthub.shared.payments;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Payment intents: create one (the processor first, then our record, its processor index and any
 * money already moved, in one commit), read and list them.
 */
public final class PaymentIntents {

  private final DocumentStore store;
  private final PaymentProcessor processor;
  private final Clock clock;
  private final Pager pager;
  private final PaymentEvents events;

  public PaymentIntents(DocumentStore store, PaymentProcessor processor, Clock clock) {
    this.store = store;
    this.processor = processor;
    this.clock = clock;
    this.pager = new Pager(store);
    this.events = new PaymentEvents(store, clock);
  }

  public CreatedPaymentIntent create(String organizationId, NewPaymentIntent request) {
    return create(organizationId, request, Optional.empty());
  }

  /**
   * With the caller's Idempotency-Key, a retry after a crash anywhere in here is safe: the
   * processor gets a key derived from it (so it answers with the same intent and never charges
   * twice), and if our commit had happened, the intent it made is returned.
   */
  public CreatedPaymentIntent create(String organizationId, NewPaymentIntent request, Optional<String> idempotencyKey) {
    String id = idempotencyKey.map(k -> PaymentPaths.derivedId("intent", organizationId, k + "\n" + request.fingerprint())).orElseGet(Ids::newId);
    PaymentProcessor.ProcessorIntent remote = Processors.call(() -> processor.create(new PaymentProcessor.CreateRequest(
        id, organizationId, request.amount(), request.currency().code(), request.captureMethod(), request.paymentMethod(),
        request.description()), "create-" + id));
    Instant now = Timestamps.now(clock);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("organization_id", organizationId);
    data.put("amount", request.amount());
    data.put("currency", request.currency().code());
    data.put("status", PaymentStatus.REQUIRES_PAYMENT_METHOD.wire());
    data.put("capture_method", request.captureMethod().wire());
    data.put("amount_capturable", 0L);
    data.put("amount_received", 0L);
    data.put("amount_refunded", 0L);
    data.put("description", request.description().orElse(null));
    data.put("customer_ref", request.customerRef().orElse(null));
    data.put("metadata", request.metadata());
    data.put("processor", processor.name());
    data.put("processor_intent_id", remote.id());
    data.put("cancellation_reason", null);
    data.put("last_payment_error", null);
    data.put("last_event_at", null);
    data.put("created_at", now);
    data.put("updated_at", now);
    DocumentPath path = PaymentPaths.intent(organizationId, id);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(path, data));
    DocumentPath index = PaymentPaths.processorIntent(processor.name(), remote.id());
    writes.add(Write.create(index, Map.of("organization_id", organizationId, "payment_intent_id", id,
        "processor", processor.name(), "processor_intent_id", remote.id(),
        "awaiting_processor", IntentMoves.awaitsProcessor(remote.status()), "created_at", now, "updated_at", now)));
    writes.add(IntentDocuments.changeRecord(Change.CREATED, data, now));
    // The processor may already have moved it (a synchronous success): the same move a webhook would make.
    StoredDocument created = new StoredDocument(path, data, new Version(now));
    var move = IntentMoves.toProcessorState(created, remote, Optional.empty(), Optional.empty(), now);
    if (move.isPresent()) {
      data.putAll(move.get().intent());
      // The create already carries the moved state and its index entry; only the ledger and its records are added.
      move.get().writes().stream().skip(3).forEach(writes::add);
      writes.set(2, IntentDocuments.changeRecord(Change.CREATED, data, now));
    }
    Version version;
    try {
      version = store.commit(writes).get(0);
    } catch (StoreException e) {
      if (e.reason() != StoreException.Reason.ALREADY_EXISTS || idempotencyKey.isEmpty()) {
        throw e;
      }
      // A retry of a request whose commit happened: the intent it made (no read on the normal path).
      return new CreatedPaymentIntent(get(organizationId, id), remote.clientSecret());
    }
    PaymentIntent intent = IntentDocuments.fromDocument(new StoredDocument(path, data, version));
    if (IntentMoves.awaitsProcessor(intent.status()) && events.applyEarlyEvents(processor.name(), remote.id()) > 0) {
      intent = get(organizationId, id);
    }
    return new CreatedPaymentIntent(intent, remote.clientSecret());
  }

  public PaymentIntent get(String organizationId, String intentId) {
    return IntentDocuments.fromDocument(load(store, organizationId, intentId));
  }

  /** One of the organization's refunds: pending until the processor settles it, then succeeded or failed. */
  public Refund refund(String organizationId, String refundId) {
    return IntentDocuments.refundOf(store.get(PaymentPaths.refund(organizationId, Ids.require("refund_id", refundId)))
        .orElseThrow(() -> ApiError.notFound("refund")));
  }

  public Page<PaymentIntent> list(String organizationId, PaymentIntentFilter filter, PageRequest page) {
    Query query = Query.all(PaymentPaths.intents(organizationId), 1);
    if (filter.status().isPresent()) {
      query = query.where("status", filter.status().get().wire());
    }
    if (filter.customerRef().isPresent()) {
      query = query.where("customer_ref", filter.customerRef().get());
    }
    // Newest first, as Stripe lists; the created range bounds the order field, so one index serves both.
    query = query.orderBy("created_at", Query.Direction.DESCENDING);
    if (filter.createdFrom().isPresent()) {
      query = query.from(new Query.Bound(filter.createdFrom().get(), true));
    }
    if (filter.createdTo().isPresent()) {
      query = query.until(new Query.Bound(filter.createdTo().get(), false));
    }
    return pager.page(query, page).map(IntentDocuments::fromDocument);
  }

  static StoredDocument load(DocumentStore store, String organizationId, String intentId) {
    return store.get(PaymentPaths.intent(organizationId, Ids.require("payment_intent_id", intentId)))
        .orElseThrow(() -> ApiError.notFound("payment intent"));
  }
}
