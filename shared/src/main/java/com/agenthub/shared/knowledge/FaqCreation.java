package com.agenthub.shared.knowledge;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.embeddings.EmbeddedText;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchItem;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Vector;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way FAQs are created, one ({@code CreateFaq}) or many ({@code CreateFaqs}) at a time:
 * FAQs whose client-chosen id already names one are answered from the store in one read (the same
 * one again, or a conflict); the questions of the others are embedded in one batch (one model call
 * for the cache misses) and written in one commit, each FAQ with its change record. A commit that
 * loses a race to one of its ids answers that one as found (or a conflict) and commits the rest.
 */
final class FaqCreation {

  /** FAQs per call: one embedding batch ({@link Embeddings#MAX_BATCH}) and, at two writes each, one commit (Firestore takes 500). */
  static final int MAX_BATCH = Embeddings.MAX_BATCH;

  /** Each lost race means a racing create took one of the ids; it is answered, and the rest tried again. */
  private static final int MAX_ATTEMPTS = 10;

  /** An FAQ still to write: where it was asked, and its path. */
  private record Pending(int index, NewFaq request, DocumentPath path) {}

  private final DocumentStore store;
  private final Embeddings embeddings;
  private final Clock clock;

  FaqCreation(DocumentStore store, Embeddings embeddings, Clock clock) {
    this.store = store;
    this.embeddings = embeddings;
    this.clock = clock;
  }

  /** One outcome per request, in order; at most {@link #MAX_BATCH} requests. */
  List<BatchItem<Faqs.Created>> create(String organizationId, List<NewFaq> requests) {
    List<BatchItem<Faqs.Created>> outcomes = new ArrayList<>(Collections.nCopies(requests.size(), null));
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      NewFaq request = requests.get(i);
      pending.add(new Pending(i, request, Faqs.faqs(organizationId).document(request.id().orElseGet(Ids::newId))));
    }
    pending = answerExisting(pending, outcomes);
    if (pending.isEmpty()) {
      return List.copyOf(outcomes);
    }
    Map<Integer, Map<String, Object>> embedded = embed(organizationId, pending);
    Instant now = Timestamps.now(clock);
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<Write> writes = new ArrayList<>();
      List<Map<String, Object>> documents = new ArrayList<>();
      for (Pending p : pending) {
        Map<String, Object> data = document(organizationId, p, embedded.get(p.index()), now);
        documents.add(data);
        writes.add(Write.create(p.path(), data));
        writes.add(Faqs.changeRecord(Change.CREATED, data, now));
      }
      try {
        List<Version> versions = store.commit(writes);
        for (int i = 0; i < pending.size(); i++) {
          Pending p = pending.get(i);
          outcomes.set(p.index(), BatchItem.of(p.index(), new Faqs.Created(Faqs.faq(new StoredDocument(p.path(), documents.get(i), versions.get(2 * i))), true)));
        }
        return List.copyOf(outcomes);
      } catch (StoreException e) {
        if (e.reason() != StoreException.Reason.ALREADY_EXISTS || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        // A racing create (a dual write, a retried call) took some of the ids: answer those as their retry would.
        List<Pending> before = pending;
        pending = answerExisting(pending, outcomes);
        if (pending.size() == before.size()) {
          throw e; // none of ours exists: a server-chosen id collided, which a random id does not; do not loop
        }
      }
    }
    return List.copyOf(outcomes);
  }

  /** The questions of the FAQs to create, embedded in one batch: each one's embedding fields, by its index. */
  private Map<Integer, Map<String, Object>> embed(String organizationId, List<Pending> pending) {
    List<EmbeddedText> vectors = embeddings.embed(organizationId, pending.stream().map(p -> p.request().question()).toList());
    Map<Integer, Map<String, Object>> byIndex = new LinkedHashMap<>();
    for (int i = 0; i < pending.size(); i++) {
      byIndex.put(pending.get(i).index(),
          Map.of(Faqs.EMBEDDING, new Vector(vectors.get(i).vector()), Faqs.EMBEDDING_MODEL, embeddings.model().id()));
    }
    return byIndex;
  }

  /**
   * Answers, in one read, every pending FAQ whose client-chosen id already names one: the same
   * fields again (question, answer, category, tags) find it; others are a conflict on {@code id}.
   * Returns those still to create.
   */
  private List<Pending> answerExisting(List<Pending> pending, List<BatchItem<Faqs.Created>> outcomes) {
    List<Pending> asked = pending.stream().filter(p -> p.request().id().isPresent()).toList();
    if (asked.isEmpty()) {
      return pending;
    }
    List<Optional<StoredDocument>> found = store.getAll(asked.stream().map(Pending::path).toList());
    Set<Integer> answered = new HashSet<>();
    for (int i = 0; i < asked.size(); i++) {
      if (found.get(i).isEmpty()) {
        continue;
      }
      Pending p = asked.get(i);
      answered.add(p.index());
      Faq faq = Faqs.faq(found.get(i).get());
      NewFaq request = p.request();
      boolean same = faq.question().equals(request.question()) && faq.answer().equals(request.answer())
          && faq.category().equals(request.category()) && faq.tags().equals(request.tags());
      outcomes.set(p.index(), same ? BatchItem.of(p.index(), new Faqs.Created(faq, false))
          : BatchItem.failed(p.index(), ApiError.withField(ErrorKind.CONFLICT, "id", "an FAQ with this id already exists with other fields")));
    }
    return pending.stream().filter(p -> !answered.contains(p.index())).toList();
  }

  private static Map<String, Object> document(String organizationId, Pending p, Map<String, Object> embedding, Instant now) {
    NewFaq request = p.request();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", p.path().id());
    data.put("organization_id", organizationId);
    data.put("question", request.question());
    data.put("answer", request.answer());
    data.put("category", request.category());
    data.put("tags", request.tags());
    data.putAll(embedding);
    data.put("created_at", now);
    data.put("updated_at", now);
    return data;
  }
}
