package com.agenthub.shared.payments;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchInput;
import com.agenthub.shared.errors.BatchItem;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

  /** At most this many intents per {@link #importAll} (README and openapi.yaml repeat it). */
  public static final int MAX_BATCH = 100;

  /** Firestore's limit on the writes of one commit (outbox records counted as written); a larger intent commits alone. */
  static final int MAX_WRITES_PER_COMMIT = 500;

  /** A legacy intent still to write: where it was asked, its document and every write of its commit. */
  private record Prepared(int index, LegacyIntent legacy, DocumentPath path, Map<String, Object> data, List<Write> writes) {}

  public Imported importIntent(String organizationId, LegacyIntent legacy) {
    return importEach(organizationId, List.of(legacy)).get(0).orThrow();
  }

  /**
   * Imports many legacy intents as {@link #importIntent} would each, in as few commits as fit
   * (the intents are valid already: each LegacyIntent checked its history on construction): each
   * item answers imported now, found (its legacy id was imported with the same content) or a
   * conflict of its own on {@code legacy_id}. A legacy id asked twice is refused before anything is written.
   */
  public List<BatchItem<Imported>> importAll(String organizationId, List<LegacyIntent> intents) {
    BatchInput.requireSize("intents", intents.size(), MAX_BATCH, "payment intents");
    BatchInput.requireDistinct("intents", "legacy_id", intents.stream().map(i -> Optional.of(i.legacyId())).toList());
    return BatchItem.namedUnder("intents", importEach(organizationId, intents));
  }

  private List<BatchItem<Imported>> importEach(String organizationId, List<LegacyIntent> intents) {
    List<BatchItem<Imported>> items = new ArrayList<>(Collections.nCopies(intents.size(), null));
    Instant now = Timestamps.now(clock);
    List<Prepared> pending = new ArrayList<>();
    for (int i = 0; i < intents.size(); i++) {
      pending.add(prepare(organizationId, i, intents.get(i), now));
    }
    pending = answerExisting(pending, items);
    List<Prepared> chunk = new ArrayList<>();
    int writes = 0;
    for (Prepared p : pending) {
      if (!chunk.isEmpty() && writes + p.writes().size() > MAX_WRITES_PER_COMMIT) {
        commit(chunk, items);
        chunk = new ArrayList<>();
        writes = 0;
      }
      chunk.add(p);
      writes += p.writes().size();
    }
    if (!chunk.isEmpty()) {
      commit(chunk, items);
    }
    return List.copyOf(items);
  }

  /**
   * Commits the chunk's intents together. One that lost a race to the same legacy id (a dual write,
   * a concurrent re-run) answers as its retry would, and the rest are committed again without it.
   */
  private void commit(List<Prepared> chunk, List<BatchItem<Imported>> items) {
    while (!chunk.isEmpty()) {
      List<Write> writes = new ArrayList<>();
      int[] intentWrite = new int[chunk.size()];
      for (int i = 0; i < chunk.size(); i++) {
        intentWrite[i] = writes.size();
        writes.addAll(chunk.get(i).writes());
      }
      try {
        List<Version> versions = store.commit(writes);
        for (int i = 0; i < chunk.size(); i++) {
          Prepared p = chunk.get(i);
          items.set(p.index(), BatchItem.of(p.index(), new Imported(
              IntentDocuments.fromDocument(new StoredDocument(p.path(), p.data(), versions.get(intentWrite[i]))), true)));
        }
        return;
      } catch (StoreException e) {
        if (e.reason() != StoreException.Reason.ALREADY_EXISTS) {
          throw e;
        }
        List<Prepared> left = answerExisting(chunk, items);
        if (left.size() == chunk.size()) {
          throw e; // none of them was imported meanwhile: something else of theirs exists (a shared legacy transaction id)
        }
        chunk = left;
      }
    }
  }

  /** Answers, in one read, every intent whose legacy id was imported already; returns those still to write. */
  private List<Prepared> answerExisting(List<Prepared> pending, List<BatchItem<Imported>> items) {
    List<Optional<StoredDocument>> found = store.getAll(pending.stream().map(Prepared::path).toList());
    List<Prepared> left = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      Prepared p = pending.get(i);
      if (found.get(i).isEmpty()) {
        left.add(p);
      } else if (!p.legacy().fingerprint().equals(found.get(i).get().string("legacy_fingerprint"))) {
        items.set(p.index(), BatchItem.failed(p.index(), ApiError.withField(ErrorKind.CONFLICT, "legacy_id",
            "a payment intent was already imported under this legacy id with other content (or its history moved on)")));
      } else {
        items.set(p.index(), BatchItem.of(p.index(), new Imported(IntentDocuments.fromDocument(found.get(i).get()), false)));
      }
    }
    return left;
  }

  /** The intent's document as history, and its commit: the intent, its change record, its ledger with theirs. */
  private static Prepared prepare(String organizationId, int index, LegacyIntent legacy, Instant now) {
    String id = legacy.productId();
    DocumentPath path = PaymentPaths.intent(organizationId, id);
    LegacyHistory.Totals totals = LegacyHistory.check(legacy.amount(), legacy.status(), legacy.amountReceived(),
        legacy.amountRefunded(), legacy.transactions());
    boolean manual = legacy.transactions().stream().anyMatch(t -> t.kind() == LegacyTransaction.Kind.AUTHORIZATION);
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
    return new Prepared(index, legacy, path, data, writes);
  }

  /** An imported intent is history: the processor is never asked to move it again (a 409 naming processor). */
  static void requireLive(PaymentIntent intent) {
    if (PROCESSOR.equals(intent.processor())) {
      throw ApiError.withField(ErrorKind.CONFLICT, "processor", "this payment intent was imported from the legacy service as "
          + "history; capture, cancel or refund it where it was made");
    }
  }
}
