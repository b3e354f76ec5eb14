package com.agenthub.shared.knowledge;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.BatchInput;
import com.agenthub.shared.errors.BatchItem;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Vector;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import com.agenthub.shared.warehouse.FaqChangeRow;
import com.agenthub.shared.warehouse.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FAQs (the legacy {@code faqs_store}): each stores the embedding of its question, so
 * {@link #match} finds the FAQs a user's question means, not only the ones that share its words.
 */
public final class Faqs {

  /**
   * The cosine similarity below which a question matches no FAQ. Measured with all-MiniLM-L6-v2:
   * paraphrases 0.52-0.68 ("I forgot my login credentials" / "How do I reset my password?" 0.68),
   * other questions of another topic 0.16-0.21, unrelated text ~0 — but a different question on the
   * same topic can reach 0.56 ("How can I reset my password?" / "How do I close my account?"). 0.5
   * keeps the paraphrases; when the organization has the right FAQ it ranks first anyway.
   */
  public static final double MATCH_THRESHOLD = 0.5;
  public static final int MAX_MATCHES = 10;
  static final String EMBEDDING = "embedding";
  static final String EMBEDDING_MODEL = "embedding_model";

  private final DocumentStore store;
  private final Embeddings embeddings;
  private final Clock clock;
  private final Pager pager;
  private final FaqCreation creation;

  public Faqs(DocumentStore store, Embeddings embeddings, Clock clock) {
    this.store = store;
    this.embeddings = embeddings;
    this.clock = clock;
    this.pager = new Pager(store);
    this.creation = new FaqCreation(store, embeddings, clock);
  }

  public Faq create(String organizationId, NewFaq request) {
    return createOrFind(organizationId, request).faq();
  }

  /** What {@link #createOrFind} did: a new FAQ, or the existing one its client-chosen id already named. */
  public record Created(Faq faq, boolean created) {}

  /** Creates the FAQ, or finds the one its client-chosen id already names: the same fields again, else a 409. */
  public Created createOrFind(String organizationId, NewFaq request) {
    return creation.create(organizationId, List.of(request)).get(0).orThrow();
  }

  /** At most this many FAQs per {@link #createAll} (README and openapi.yaml repeat it). */
  public static final int MAX_BATCH = FaqCreation.MAX_BATCH;

  /**
   * Creates many FAQs as {@link #createOrFind} would each, their questions embedded in one batch and
   * the new ones written in one commit: each item (its error named under {@code faqs[i].}) answers created, found (its client-chosen id names
   * the same FAQ) or an error of its own (a conflict on its id). The requests are valid already (each
   * NewFaq checked itself); ids asked twice are refused here.
   */
  public List<BatchItem<Created>> createAll(String organizationId, List<NewFaq> requests) {
    BatchInput.requireSize("faqs", requests.size(), MAX_BATCH, "FAQs");
    BatchInput.requireDistinct("faqs", "id", requests.stream().map(NewFaq::id).toList());
    return BatchItem.namedUnder("faqs", creation.create(organizationId, requests));
  }

  public Faq get(String organizationId, String faqId) {
    return faq(load(organizationId, faqId));
  }

  public Page<Faq> list(String organizationId, Optional<String> category, PageRequest page) {
    Query query = Query.all(faqs(organizationId), 1);
    if (category.isPresent()) {
      query = query.where("category", FaqFields.category(category.get()));
    }
    return pager.page(query, "created_at", page).map(Faqs::faq);
  }

  /** Changes some fields; a changed question is embedded again. With If-Match, only at that version (else 412). */
  public Faq update(String organizationId, String faqId, FaqChanges changes, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, faqId);
      OptimisticWrites.requireMatch(current, ifMatch, "FAQ");
      Map<String, Object> fields = new LinkedHashMap<>();
      changes.question().ifPresent(question -> {
        fields.put("question", question);
        // A changed question, or one embedded by an earlier model, is embedded (again) by the current one.
        if (!question.equals(current.string("question")) || !embeddings.model().id().equals(current.string(EMBEDDING_MODEL))) {
          fields.putAll(embedding(organizationId, question));
        }
      });
      changes.answer().ifPresent(v -> fields.put("answer", v));
      changes.category().ifPresent(v -> fields.put("category", v));
      changes.tags().ifPresent(v -> fields.put("tags", v));
      Instant now = Timestamps.now(clock);
      fields.put("updated_at", now);
      Map<String, Object> merged = new LinkedHashMap<>(current.data());
      merged.putAll(fields);
      try {
        Version version = store.commit(List.of(Write.update(current.path(), fields, Optional.of(current.version())),
            changeRecord(Change.UPDATED, merged, now))).get(0);
        return faq(new StoredDocument(current.path(), merged, version));
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "FAQ");
      }
    }
  }

  public void delete(String organizationId, String faqId, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, faqId);
      OptimisticWrites.requireMatch(current, ifMatch, "FAQ");
      Instant now = Timestamps.now(clock);
      try {
        store.commit(List.of(Write.delete(current.path(), Optional.of(current.version())),
            changeRecord(Change.DELETED, current.data(), now)));
        return;
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "FAQ");
      }
    }
  }

  /**
   * The FAQs whose question is nearest in meaning to {@code question}, best first, at most
   * {@code limit}, each scoring at least {@link #MATCH_THRESHOLD}: empty means "no match". Only
   * FAQs embedded by the current model are compared.
   */
  public List<FaqMatch> match(String organizationId, String question, int limit, Optional<String> category) {
    if (limit < 1 || limit > MAX_MATCHES) {
      throw ApiError.invalid("top_k", "'top_k' must be within 1.." + MAX_MATCHES);
    }
    String asked = FaqFields.question(question);
    Optional<String> inCategory = category.map(FaqFields::category);
    Vector target = new Vector(embeddings.embed(organizationId, List.of(asked), Embedder.Purpose.QUERY).get(0).vector());
    NearestQuery query = NearestQuery.cosine(faqs(organizationId), EMBEDDING, target, limit)
        .where(EMBEDDING_MODEL, embeddings.model().id());
    if (inCategory.isPresent()) {
      query = query.where("category", inCategory.get());
    }
    List<FaqMatch> matches = new ArrayList<>();
    for (NearestQuery.Nearest nearest : store.findNearest(query)) {
      double score = 1 - nearest.distance();
      if (score >= MATCH_THRESHOLD) {
        matches.add(new FaqMatch(faq(nearest.document()), score));
      }
    }
    return matches;
  }

  private Map<String, Object> embedding(String organizationId, String question) {
    float[] vector = embeddings.embed(organizationId, List.of(question)).get(0).vector();
    return Map.of(EMBEDDING, new Vector(vector), EMBEDDING_MODEL, embeddings.model().id());
  }

  private StoredDocument load(String organizationId, String faqId) {
    return store.get(faqs(organizationId).document(com.agenthub.shared.ids.ClientIds.require("faq_id", faqId))).orElseThrow(() -> ApiError.notFound("FAQ"));
  }

  static CollectionPath faqs(String organizationId) {
    return CollectionPath.of("organizations", organizationId, "faqs");
  }

  @SuppressWarnings("unchecked")
  static Faq faq(StoredDocument doc) {
    return new Faq(doc.id(), doc.string("organization_id"), doc.string("question"), doc.string("answer"),
        doc.string("category"), List.copyOf((List<String>) doc.data().getOrDefault("tags", List.of())),
        doc.instant("created_at"), doc.instant("updated_at"), doc.version());
  }

  static Write changeRecord(String changeType, Map<String, Object> faq, Instant at) {
    FaqChangeRow row = new FaqChangeRow(Ids.newId(), changeType, at, (String) faq.get("organization_id"), (String) faq.get("id"),
        (String) faq.get("question"), (String) faq.get("answer"), (String) faq.get("category"),
        JsonText.of(faq.getOrDefault("tags", List.of())), (Instant) faq.get("created_at"), (Instant) faq.get("updated_at"));
    return Outbox.record(Change.of(row), at);
  }
}
