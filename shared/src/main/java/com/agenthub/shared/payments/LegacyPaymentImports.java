package com.agenthub.shared.payments;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.ClientIds;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
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
 * Imports a legacy payment intent as history: never through the processor (the money moved long
 * ago). One commit writes the intent in its final state, under an id derived from its legacy id,
 * and the ledger transactions its legacy transactions imply, each with its change record — so
 * GetBalance and ListLedgerEntries agree with the history. The same legacy intent again (a re-run,
 * a dual write) answers the document already there and writes nothing; other content is a 409.
 * Imported intents belong to the processor {@value #PROCESSOR}: no processor index entry, so
 * webhooks and reconciliation never move them.
 */
public final class LegacyPaymentImports {

  public static final String PROCESSOR = "legacy";

  private final DocumentStore store;
  private final Clock clock;

  public LegacyPaymentImports(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The intent, and whether this call created it. */
  public record Imported(PaymentIntent intent, boolean created) {}

  public Imported importIntent(String organizationId, LegacyIntent legacy) {
    DocumentPath path = PaymentPaths.intent(organizationId, legacy.productId());
    // The id derives from the legacy one: it is always client-chosen.
    return ClientIds.createOrFind(true, () -> existing(path, legacy), () -> importNew(organizationId, path, legacy));
  }

  private Imported importNew(String organizationId, DocumentPath path, LegacyIntent legacy) {
    String id = legacy.productId();
    LegacyHistory.Totals totals = LegacyHistory.check(legacy.amount(), legacy.status(), legacy.amountReceived(),
        legacy.amountRefunded(), legacy.transactions());
    boolean manual = legacy.transactions().stream().anyMatch(t -> t.kind() == LegacyTransaction.Kind.AUTHORIZATION);
    Instant now = Timestamps.now(clock);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("organization_id", organizationId);
    data.put("amount", legacy.amount());
    data.put("currency", legacy.currency().code());
    data.put("status", legacy.status().wire());
    data.put("capture_method", (manual ? CaptureMethod.MANUAL : CaptureMethod.AUTOMATIC).wire());
    data.put("amount_capturable", totals.held());
    data.put("amount_received", legacy.amountReceived());
    data.put("amount_refunded", legacy.amountRefunded());
    data.put("description", legacy.description().orElse(null));
    data.put("customer_ref", legacy.customerRef().orElse(null));
    data.put("metadata", legacy.metadata());
    data.put("processor", PROCESSOR);
    data.put("processor_intent_id", legacy.processorIntentId().orElse(""));
    data.put("cancellation_reason", null);
    data.put("last_payment_error", null);
    data.put("last_event_at", null);
    data.put("legacy_id", legacy.legacyId());
    data.put("legacy_fingerprint", legacy.fingerprint());
    data.put("created_at", legacy.createdAt());
    data.put("updated_at", now);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(path, data));
    writes.add(IntentDocuments.changeRecord(Change.CREATED, data, now));
    for (LedgerTransaction tx : LegacyHistory.postings(organizationId, id, legacy)) {
      writes.addAll(IntentDocuments.ledgerWrites(tx, legacy.status().wire(), data, tx.entries().get(0).createdAt(), now));
    }
    Version version = store.commit(writes).get(0);
    return new Imported(IntentDocuments.fromDocument(new StoredDocument(path, data, version)), true);
  }

  /** An imported intent is history: the processor is never asked to move it again (a 409 naming processor). */
  static void requireLive(PaymentIntent intent) {
    if (PROCESSOR.equals(intent.processor())) {
      throw ApiError.withField(ErrorKind.CONFLICT, "processor", "this payment intent was imported from the legacy service as "
          + "history; capture, cancel or refund it where it was made");
    }
  }

  private Optional<Imported> existing(DocumentPath path, LegacyIntent legacy) {
    Optional<StoredDocument> found = store.get(path);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (!legacy.fingerprint().equals(found.get().string("legacy_fingerprint"))) {
      throw ApiError.withField(ErrorKind.CONFLICT, "legacy_id",
          "a payment intent was already imported under this legacy id with other content (or its history moved on)");
    }
    return Optional.of(new Imported(IntentDocuments.fromDocument(found.get()), false));
  }
}
