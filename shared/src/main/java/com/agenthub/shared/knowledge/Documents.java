package com.agenthub.shared.knowledge;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.ClientIds;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.paging.Page;
import com.agenthub.shared.paging.PageRequest;
import com.agenthub.shared.paging.Pager;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.versions.OptimisticWrites;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents: a create or a change of what is indexed commits the document as {@code indexing}
 * (a new generation) and asks IndexDocument, through Pub/Sub, to chunk, embed and index it — so
 * no HTTP call waits for a model, whatever the document's size.
 */
public final class Documents {

  private final DocumentStore store;
  private final EventPublisher publisher;
  private final DocumentIndexer indexer;
  private final Clock clock;
  private final Pager pager;

  public Documents(DocumentStore store, EventPublisher publisher, DocumentIndexer indexer, Clock clock) {
    this.store = store;
    this.publisher = publisher;
    this.indexer = indexer;
    this.clock = clock;
    this.pager = new Pager(store);
  }

  public KnowledgeDocument create(String organizationId, NewDocument request) {
    return createOrFind(organizationId, request).document();
  }

  /** What {@link #createOrFind} did: a new document, or the existing one its client-chosen id already named. */
  public record Created(KnowledgeDocument document, boolean created) {}

  /**
   * Creates the document, or finds the one its client-chosen id already names (an import re-run, a
   * dual write): the same fields and content again answer that one, other ones are a 409.
   */
  public Created createOrFind(String organizationId, NewDocument request) {
    return ClientIds.createOrFind(request.id().isPresent(), () -> existing(organizationId, request),
        () -> createNew(organizationId, request));
  }

  private Created createNew(String organizationId, NewDocument request) {
    String id = request.id().orElseGet(Ids::newId);
    Instant now = Timestamps.now(clock);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("organization_id", organizationId);
    data.put("title", request.title());
    data.put("category", request.category());
    data.put("tags", request.tags());
    data.put("metadata", request.metadata());
    request.sourceUrl().ifPresent(url -> data.put("source_url", url));
    data.put("status", KnowledgeDocument.INDEXING);
    data.put("generation", 1L);
    data.put("content_bytes", (long) request.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    data.put("content_parts", (long) DocumentContent.partCount(request.content()));
    data.put("chunk_count", 0L);
    data.put("indexed_chunks", 0L);
    data.put("indexed_tokens", 0L);
    data.put("created_at", now);
    data.put("updated_at", now);
    DocumentPath path = KnowledgePaths.documents(organizationId).document(id);
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(path, data));
    writes.addAll(DocumentContent.writes(organizationId, id, request.content(), 0));
    writes.add(DocumentRecords.document(DocumentRecords.CREATED, data, now));
    writes.add(PendingIndexing.started(organizationId, id, 1L, now));
    Version version = store.commit(writes).get(0);
    IndexRequests.publish(publisher, new IndexRequests.IndexRequest(organizationId, id, 1L));
    return new Created(document(new StoredDocument(path, data, version), Optional.empty()), true);
  }

  private Optional<Created> existing(String organizationId, NewDocument request) {
    Optional<StoredDocument> found = store.get(KnowledgePaths.documents(organizationId).document(request.id().orElseThrow()));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StoredDocument stored = found.get();
    if (KnowledgeDocument.DELETING.equals(stored.string("status"))) {
      throw ApiError.withField(ErrorKind.CONFLICT, "id", "a document with this id is being deleted; create it again once it is gone");
    }
    KnowledgeDocument document = document(stored, Optional.empty());
    boolean same = document.title().equals(request.title()) && document.category().equals(request.category())
        && document.tags().equals(request.tags()) && com.agenthub.shared.json.Json.toJson(document.metadata()).equals(com.agenthub.shared.json.Json.toJson(request.metadata()))
        && document.sourceUrl().equals(request.sourceUrl())
        && DocumentContent.read(store, organizationId, stored.id(), (int) stored.longValue("content_parts")).equals(request.content());
    if (!same) {
      throw ApiError.withField(ErrorKind.CONFLICT, "id", "a document with this id already exists with other fields");
    }
    return Optional.of(new Created(document, false));
  }

  /** The document, with its content if {@code withContent}. Another organization's is as missing as a missing one. */
  public KnowledgeDocument get(String organizationId, String documentId, boolean withContent) {
    StoredDocument stored = load(organizationId, documentId);
    Optional<String> content = withContent
        ? Optional.of(DocumentContent.read(store, organizationId, documentId, (int) stored.longValue("content_parts")))
        : Optional.empty();
    return document(stored, content);
  }

  /** Oldest first; each filter optional (a tag filter matches documents carrying that tag). */
  public Page<KnowledgeDocument> list(String organizationId, Optional<String> category, Optional<String> tag,
      Optional<String> status, PageRequest page) {
    Query query = Query.all(KnowledgePaths.documents(organizationId), 1);
    if (category.isPresent()) {
      query = query.where("category", FaqFields.category(category.get()));
    }
    if (status.isPresent()) {
      if (!KnowledgeDocument.STATUSES.contains(status.get())) {
        throw ApiError.invalid("status", "'status' must be one of " + String.join(", ", KnowledgeDocument.STATUSES));
      }
      query = query.where("status", status.get());
    }
    if (tag.isPresent()) {
      query = query.whereArrayContains("tags", FaqFields.tags(List.of(tag.get())).get(0));
    }
    return pager.page(query, "created_at", page).map(stored -> document(stored, Optional.empty()));
  }

  /**
   * Changes some fields; a change of title, content, category or tags (or any change of a failed
   * document) starts a new generation that IndexDocument indexes, re-embedding only chunks whose
   * text changed. With If-Match, only at that version (else 412).
   */
  public KnowledgeDocument update(String organizationId, String documentId, DocumentChanges changes, Optional<Version> ifMatch) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, documentId);
      OptimisticWrites.requireMatch(current, ifMatch, "document");
      Map<String, Object> fields = new LinkedHashMap<>();
      changes.title().ifPresent(v -> fields.put("title", v));
      changes.category().ifPresent(v -> fields.put("category", v));
      changes.tags().ifPresent(v -> fields.put("tags", v));
      changes.metadata().ifPresent(v -> fields.put("metadata", v));
      changes.sourceUrl().ifPresent(v -> fields.put("source_url", v));
      List<Write> writes = new ArrayList<>();
      if (changes.content().isPresent()) {
        String content = changes.content().get();
        fields.put("content_bytes", (long) content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        fields.put("content_parts", (long) DocumentContent.partCount(content));
        writes.addAll(DocumentContent.writes(organizationId, documentId, content, (int) current.longValue("content_parts")));
      }
      boolean reindex = changes.reindexes() || KnowledgeDocument.FAILED.equals(current.string("status"));
      long generation = current.longValue("generation") + (reindex ? 1 : 0);
      if (reindex) {
        fields.put("generation", generation);
        fields.put("status", KnowledgeDocument.INDEXING);
        fields.put("status_reason", null);
      }
      Instant now = Timestamps.now(clock);
      fields.put("updated_at", now);
      Map<String, Object> merged = new LinkedHashMap<>(current.data());
      merged.putAll(fields);
      writes.add(0, Write.update(current.path(), fields, Optional.of(current.version())));
      writes.add(DocumentRecords.document(DocumentRecords.UPDATED, merged, now));
      if (reindex) {
        writes.add(PendingIndexing.started(organizationId, documentId, generation, now));
      }
      try {
        Version version = store.commit(writes).get(0);
        if (reindex) {
          IndexRequests.publish(publisher, new IndexRequests.IndexRequest(organizationId, documentId, generation));
        }
        return document(new StoredDocument(current.path(), merged, version), Optional.empty());
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "document");
      }
    }
  }

  /**
   * Deletes the document: it disappears from searches at once (status deleting), then its chunks,
   * postings and content go within {@code budget}; true when all are gone, false when IndexDocument
   * finishes them in the background.
   */
  public boolean delete(String organizationId, String documentId, Optional<Version> ifMatch, Duration budget) {
    for (int attempt = 1; ; attempt++) {
      StoredDocument current = load(organizationId, documentId);
      OptimisticWrites.requireMatch(current, ifMatch, "document");
      Instant now = Timestamps.now(clock);
      long generation = current.longValue("generation") + 1;
      Map<String, Object> fields = Map.of("status", KnowledgeDocument.DELETING, "generation", generation, "updated_at", now);
      Map<String, Object> merged = new LinkedHashMap<>(current.data());
      merged.putAll(fields);
      try {
        store.commit(List.of(Write.update(current.path(), fields, Optional.of(current.version())),
            DocumentRecords.document(DocumentRecords.DELETED, merged, now),
            PendingIndexing.started(organizationId, documentId, generation, now)));
      } catch (StoreException e) {
        OptimisticWrites.retryOrFail(e, ifMatch, attempt, "document");
        continue;
      }
      if (indexer.purge(organizationId, documentId, budget)) {
        return true;
      }
      IndexRequests.publish(publisher, new IndexRequests.IndexRequest(organizationId, documentId, generation));
      return false;
    }
  }

  /** Asks for another delivery of an index request whose delivery ran out of time; its committed progress stays. */
  public void continueIndexing(IndexRequests.IndexRequest request) {
    IndexRequests.publish(publisher, request);
  }

  private StoredDocument load(String organizationId, String documentId) {
    StoredDocument stored = store.get(KnowledgePaths.documents(organizationId).document(ClientIds.require("document_id", documentId)))
        .orElseThrow(() -> ApiError.notFound("document"));
    if (KnowledgeDocument.DELETING.equals(stored.string("status"))) {
      throw ApiError.notFound("document");
    }
    return stored;
  }

  @SuppressWarnings("unchecked")
  static KnowledgeDocument document(StoredDocument doc, Optional<String> content) {
    return new KnowledgeDocument(doc.id(), doc.string("organization_id"), doc.string("title"), doc.string("category"),
        List.copyOf((List<String>) doc.data().getOrDefault("tags", List.of())),
        (Map<String, Object>) doc.data().getOrDefault("metadata", Map.of()), Optional.ofNullable(doc.string("source_url")),
        doc.string("status"), Optional.ofNullable(doc.string("status_reason")), doc.longValue("content_bytes"),
        doc.longValue("chunk_count"), doc.longValue("generation"), content, doc.instant("created_at"), doc.instant("updated_at"),
        doc.version());
  }
}
