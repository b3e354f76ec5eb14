package com.agenthub.shared.knowledge;

import com.agenthub.shared.embeddings.EmbeddedText;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Query;
import com.agenthub.shared.port.StoreException;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Vector;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * IndexDocument's work: chunks a document's current generation, embeds the chunks whose text
 * changed (through the embeddings cache; a chunk's previous vector is reused by content hash),
 * writes chunks and keyword postings in batches, then marks the document ready. Every commit
 * carries a precondition on the document's version, so a newer generation (an update, a delete)
 * stops an older run at its next commit. A run that dies mid-document leaves its committed
 * batches: the next delivery finds those chunks already current and skips them, so every chunk
 * ends written exactly once and the corpus statistics are counted once (in the final commit).
 */
public final class DocumentIndexer {

  /** What one delivery achieved. */
  public enum Outcome {
    /** The document is ready, failed, deleted, or superseded by a newer generation: nothing left for this request. */
    DONE,
    /** The time budget ran out with work left; committed progress stays, the caller asks for a continuation. */
    CONTINUE
  }

  /**
   * What one delivery did: its outcome, chunks written, vectors it needed for them (cache hits
   * among them never reached the model) and vectors reused from the document's previous chunks.
   */
  public record Delivery(Outcome outcome, int chunksWritten, int chunksEmbedded, int cacheHits, int vectorsReused) {

    static Delivery done() {
      return new Delivery(Outcome.DONE, 0, 0, 0, 0);
    }
  }

  /** Chunks embedded and written per batch (also the embedding call's batch). */
  static final int BATCH = 32;
  /** Writes per commit, under Firestore's 500 with room for the document's progress write. */
  static final int MAX_WRITES = 450;
  /** MiniLM reads at most 256 word pieces, two of them its own [CLS] and [SEP]. */
  public static final int MODEL_MAX_TOKENS = 254;
  static final int MIN_CHUNK_TOKENS = 64;

  private final DocumentStore store;
  private final Embeddings embeddings;
  private final Chunker chunker;
  private final Clock clock;

  public DocumentIndexer(DocumentStore store, Embeddings embeddings, Chunker chunker, Clock clock) {
    this.store = store;
    this.embeddings = embeddings;
    this.chunker = chunker;
    this.clock = clock;
  }

  /** What a chunk's embedding and keyword terms are computed from: the title gives every chunk its context. */
  static String embeddedText(String title, String chunkText) {
    return title + "\n\n" + chunkText;
  }

  /** Indexes {@code generation} of the document, or purges it if it is being deleted; stops when {@code budget} runs out. */
  public Outcome index(String organizationId, String documentId, long generation, Duration budget) {
    return deliver(organizationId, documentId, generation, budget).outcome();
  }

  /** {@link #index}, telling what the delivery did (IndexDocument logs it). */
  public Delivery deliver(String organizationId, String documentId, long generation, Duration budget) {
    Instant deadline = clock.instant().plus(budget);
    Optional<StoredDocument> found = store.get(KnowledgePaths.documents(organizationId).document(documentId));
    if (found.isEmpty()) {
      return Delivery.done();
    }
    StoredDocument document = found.get();
    if (KnowledgeDocument.DELETING.equals(document.string("status"))) {
      return purge(organizationId, documentId, budget) ? Delivery.done() : new Delivery(Outcome.CONTINUE, 0, 0, 0, 0);
    }
    if (document.longValue("generation") != generation || !KnowledgeDocument.INDEXING.equals(document.string("status"))) {
      return Delivery.done();
    }
    Run run = new Run(organizationId, document);
    Outcome outcome;
    try {
      outcome = run.index(deadline);
    } catch (Superseded superseded) {
      outcome = Outcome.DONE;
    } catch (StoreException e) {
      throw e;
    } catch (RuntimeException e) {
      // Not the store: the content or the model cannot be indexed; an update of the document retries it.
      outcome = run.fail(e);
    }
    return new Delivery(outcome, run.written, run.embedded, run.cacheHits, run.reused);
  }

  /** A newer generation (or a delete) committed while this run worked: its result no longer matters. */
  private static final class Superseded extends RuntimeException {
    Superseded() {
      super(null, null, false, false);
    }
  }

  /** One delivery's work on one document, committing through the document's version. */
  private final class Run {
    private final String org;
    private final String documentId;
    private final DocumentPath path;
    private final Map<String, Object> data;
    private Version version;
    private int written;
    private int embedded;
    private int cacheHits;
    private int reused;
    /** Token count of every chunk this generation has by the end of the run, by position (what finish counts). */
    private final Map<Integer, Long> tokensByPosition = new HashMap<>();

    Run(String org, StoredDocument document) {
      this.org = org;
      this.documentId = document.id();
      this.path = document.path();
      this.data = new LinkedHashMap<>(document.data());
      this.version = document.version();
    }

    Outcome index(Instant deadline) {
      String title = (String) data.get("title");
      String content = DocumentContent.read(store, org, documentId, ((Number) data.get("content_parts")).intValue());
      int titleTokens = chunker.tokens().count(title);
      int budgetTokens = Math.max(MIN_CHUNK_TOKENS, MODEL_MAX_TOKENS - titleTokens - 2);
      List<Chunk> chunks = chunker.split(content, budgetTokens);
      // Every commit that writes chunks also stamps index_progress on the document: a document
      // without it has none yet (a new one), and its first indexing needs no query for them.
      Map<Integer, StoredDocument> existing = data.containsKey("index_progress") ? existingChunks() : Map.of();
      existing.forEach((position, old) -> tokensByPosition.put(position, old.longValue("token_count")));
      Map<String, float[]> vectorsByHash = new HashMap<>();
      String model = embeddings.model().id();
      existing.values().forEach(old -> {
        if (model.equals(old.string("embedding_model")) && old.data().get("embedding") instanceof Vector v) {
          vectorsByHash.put(old.string("content_hash"), v.values());
        }
      });
      for (int from = 0; from < chunks.size(); from += BATCH) {
        if (clock.instant().isAfter(deadline)) {
          return Outcome.CONTINUE;
        }
        writeBatch(title, chunks.subList(from, Math.min(chunks.size(), from + BATCH)), existing, vectorsByHash, model);
      }
      removeBeyond(chunks.size(), existing);
      tokensByPosition.keySet().removeIf(position -> position >= chunks.size());
      finish(chunks.size());
      return Outcome.DONE;
    }

    private void writeBatch(String title, List<Chunk> batch, Map<Integer, StoredDocument> existing,
        Map<String, float[]> vectorsByHash, String model) {
      List<Chunk> changed = new ArrayList<>();
      List<String> hashes = new ArrayList<>();
      for (Chunk chunk : batch) {
        String hash = Sha256.hex(embeddedText(title, chunk.text()));
        if (!current(existing.get(chunk.position()), chunk, hash, model)) {
          changed.add(chunk);
          hashes.add(hash);
        }
      }
      if (changed.isEmpty()) {
        return;
      }
      List<String> toEmbed = new ArrayList<>();
      for (int i = 0; i < changed.size(); i++) {
        if (!vectorsByHash.containsKey(hashes.get(i))) {
          toEmbed.add(embeddedText(title, changed.get(i).text()));
        }
      }
      List<String> distinctTexts = distinct(toEmbed);
      List<EmbeddedText> vectors = distinctTexts.isEmpty() ? List.of() : embeddings.embed(org, distinctTexts);
      for (int i = 0; i < distinctTexts.size(); i++) {
        vectorsByHash.put(Sha256.hex(distinctTexts.get(i)), vectors.get(i).vector());
      }
      Instant now = Timestamps.now(clock);
      List<Write> postings = new ArrayList<>();
      List<TermIndex.ChunkTerms> added = new ArrayList<>();
      List<TermIndex.Removal> removed = new ArrayList<>();
      List<Write> chunkWrites = new ArrayList<>();
      for (int i = 0; i < changed.size(); i++) {
        Chunk chunk = changed.get(i);
        String chunkId = KnowledgePaths.chunkId(documentId, chunk.position());
        KeywordAnalyzer.Terms terms = KeywordAnalyzer.analyze(embeddedText(title, chunk.text()));
        added.add(new TermIndex.ChunkTerms(chunkId, terms.frequencies(), terms.length()));
        tokensByPosition.put(chunk.position(), (long) terms.length());
        StoredDocument old = existing.get(chunk.position());
        if (old != null) {
          removed.add(new TermIndex.Removal(chunkId, terms(old)));
        }
        float[] vector = vectorsByHash.get(hashes.get(i));
        chunkWrites.add(Write.set(KnowledgePaths.chunk(org, documentId, chunk.position()),
            chunkData(chunk, hashes.get(i), vector, model, terms)));
        chunkWrites.add(DocumentRecords.chunk(DocumentRecords.CHUNK_INDEXED, data, chunk, vector, model, now));
      }
      postings.addAll(TermIndex.writes(org, documentId, added, removed));
      // Postings first, then the chunks that say they are done: a run cut in between redoes this batch.
      commitAll(postings, chunks(batch));
      commitAll(chunkWrites, chunks(batch));
      written += changed.size();
      embedded += distinctTexts.size();
      cacheHits += (int) vectors.stream().filter(EmbeddedText::cacheHit).count();
      reused += changed.size() - toEmbed.size();
    }

    private String chunks(List<Chunk> batch) {
      return batch.get(0).position() + ".." + batch.get(batch.size() - 1).position();
    }

    private boolean current(StoredDocument old, Chunk chunk, String hash, String model) {
      return old != null && hash.equals(old.string("content_hash")) && model.equals(old.string("embedding_model"))
          && old.longValue("start") == chunk.start() && old.longValue("end") == chunk.end()
          && Objects.equals(old.data().get("category"), data.get("category"))
          && Objects.equals(old.data().get("tags"), data.get("tags"));
    }

    private Map<String, Object> chunkData(Chunk chunk, String hash, float[] vector, String model, KeywordAnalyzer.Terms terms) {
      Map<String, Object> chunkData = new LinkedHashMap<>();
      chunkData.put("organization_id", org);
      chunkData.put("document_id", documentId);
      chunkData.put("position", (long) chunk.position());
      chunkData.put("start", (long) chunk.start());
      chunkData.put("end", (long) chunk.end());
      chunkData.put("text", chunk.text());
      chunkData.put("content_hash", hash);
      chunkData.put("embedding", new Vector(vector));
      chunkData.put("embedding_model", model);
      chunkData.put("category", data.get("category"));
      chunkData.put("tags", data.get("tags"));
      chunkData.put("terms", List.copyOf(terms.frequencies().keySet()));
      chunkData.put("token_count", (long) terms.length());
      return chunkData;
    }

    /** Chunks past the new end (the content got shorter): gone, with their postings. */
    private void removeBeyond(int count, Map<Integer, StoredDocument> existing) {
      List<TermIndex.Removal> removed = new ArrayList<>();
      List<Write> deletes = new ArrayList<>();
      Instant now = Timestamps.now(clock);
      for (StoredDocument old : existing.values()) {
        if (old.longValue("position") >= count) {
          removed.add(new TermIndex.Removal(old.id(), terms(old)));
          deletes.add(Write.delete(old.path(), Optional.empty()));
          deletes.add(DocumentRecords.chunkRemoved(data, old, now));
        }
      }
      commitAll(TermIndex.writes(org, documentId, List.of(), removed), "removed chunks");
      commitAll(deletes, "removed chunks");
    }

    /** The final commit: ready, and the corpus statistics moved from what was counted before to what is indexed now. */
    private void finish(int chunkCount) {
      long tokens = tokensByPosition.values().stream().mapToLong(Long::longValue).sum();
      long countedChunks = ((Number) data.getOrDefault("indexed_chunks", 0L)).longValue();
      long countedTokens = ((Number) data.getOrDefault("indexed_tokens", 0L)).longValue();
      Instant now = Timestamps.now(clock);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("status", KnowledgeDocument.READY);
      fields.put("status_reason", null);
      fields.put("chunk_count", (long) chunkCount);
      fields.put("indexed_chunks", (long) chunkCount);
      fields.put("indexed_tokens", tokens);
      fields.put("indexed_at", now);
      data.putAll(fields);
      List<Write> writes = new ArrayList<>();
      writes.add(Write.update(path, fields, Optional.of(version)));
      writes.add(DocumentRecords.document(DocumentRecords.READY, data, now));
      writes.add(Write.increment(KnowledgePaths.corpus(org), "chunk_count", chunkCount - countedChunks, Map.of()));
      writes.add(Write.increment(KnowledgePaths.corpus(org), "token_count", tokens - countedTokens, Map.of()));
      writes.add(PendingIndexing.finished(org, documentId));
      commit(writes);
    }

    Outcome fail(RuntimeException cause) {
      Instant now = Timestamps.now(clock);
      String reason = cause.getClass().getSimpleName() + ": " + Objects.toString(cause.getMessage(), "");
      Map<String, Object> fields = Map.of("status", KnowledgeDocument.FAILED,
          "status_reason", reason.substring(0, Math.min(reason.length(), 1000)), "updated_at", now);
      data.putAll(fields);
      try {
        commit(List.of(Write.update(path, fields, Optional.of(version)), DocumentRecords.document(DocumentRecords.FAILED, data, now),
            PendingIndexing.finished(org, documentId)));
      } catch (Superseded superseded) {
        // A newer generation replaced the one that failed.
      }
      return Outcome.DONE;
    }

    private Map<Integer, StoredDocument> existingChunks() {
      Map<Integer, StoredDocument> byPosition = new HashMap<>();
      Query query = Query.all(KnowledgePaths.chunks(org), Query.MAX_LIMIT).where("document_id", documentId).orderBy("position");
      while (true) {
        List<StoredDocument> page = store.query(query);
        page.forEach(chunk -> byPosition.put((int) chunk.longValue("position"), chunk));
        if (page.size() < Query.MAX_LIMIT) {
          return byPosition;
        }
        StoredDocument last = page.get(page.size() - 1);
        query = query.startAfter(new Query.Cursor(last.data().get("position"), last.id()));
      }
    }

    /** Commits in slices that each carry the document's version: a newer generation makes them fail as a whole. */
    private void commitAll(List<Write> writes, String progress) {
      for (int from = 0; from < writes.size(); from += MAX_WRITES) {
        List<Write> slice = new ArrayList<>();
        slice.add(Write.update(path, Map.of("index_progress", progress), Optional.of(version)));
        slice.addAll(writes.subList(from, Math.min(writes.size(), from + MAX_WRITES)));
        commit(slice);
      }
    }

    /** The first write of every commit is the document's: its new version is the next commit's precondition. */
    private void commit(List<Write> writes) {
      try {
        version = store.commit(writes).get(0);
      } catch (StoreException e) {
        if (e.reason() == StoreException.Reason.STALE || e.reason() == StoreException.Reason.NOT_FOUND) {
          Optional<StoredDocument> now = store.get(path);
          boolean superseded = now.isEmpty() || now.get().longValue("generation") != ((Number) data.get("generation")).longValue()
              || !KnowledgeDocument.INDEXING.equals(now.get().string("status"));
          if (superseded) {
            throw new Superseded();
          }
        }
        // Another delivery of the same generation is at work (or the store failed): let Pub/Sub redeliver.
        throw e;
      }
    }
  }

  /**
   * Deletes a document being deleted: its chunks with their postings, then its content and itself,
   * with the corpus statistics taken down by what it counted. True when all is gone.
   */
  public boolean purge(String organizationId, String documentId, Duration budget) {
    Instant deadline = clock.instant().plus(budget);
    DocumentPath path = KnowledgePaths.documents(organizationId).document(documentId);
    while (true) {
      Optional<StoredDocument> document = store.get(path);
      if (document.isEmpty()) {
        return true;
      }
      List<StoredDocument> chunks = store.query(Query.all(KnowledgePaths.chunks(organizationId), 100)
          .where("document_id", documentId).orderBy("position"));
      if (chunks.isEmpty()) {
        StoredDocument gone = document.get();
        List<Write> writes = new ArrayList<>();
        writes.add(Write.delete(path, Optional.of(gone.version())));
        writes.addAll(DocumentContent.deletes(organizationId, documentId, (int) gone.longValue("content_parts")));
        writes.add(Write.increment(KnowledgePaths.corpus(organizationId), "chunk_count", -gone.longValue("indexed_chunks"), Map.of()));
        writes.add(Write.increment(KnowledgePaths.corpus(organizationId), "token_count", -gone.longValue("indexed_tokens"), Map.of()));
        writes.add(PendingIndexing.finished(organizationId, documentId));
        try {
          store.commit(writes);
          return true;
        } catch (StoreException e) {
          if (e.reason() != StoreException.Reason.STALE) {
            throw e;
          }
          continue; // a concurrent purge moved it; look again
        }
      }
      if (clock.instant().isAfter(deadline)) {
        return false;
      }
      List<TermIndex.Removal> removed = new ArrayList<>();
      List<Write> deletes = new ArrayList<>();
      for (StoredDocument chunk : chunks) {
        removed.add(new TermIndex.Removal(chunk.id(), terms(chunk)));
        deletes.add(Write.delete(chunk.path(), Optional.empty()));
      }
      List<Write> writes = new ArrayList<>(TermIndex.writes(organizationId, documentId, List.of(), removed));
      // Postings before the chunks that list them, so an interrupted purge still finds what to remove.
      for (int from = 0; from < writes.size(); from += MAX_WRITES) {
        store.commit(writes.subList(from, Math.min(writes.size(), from + MAX_WRITES)));
      }
      store.commit(deletes);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> terms(StoredDocument chunk) {
    return (List<String>) chunk.data().getOrDefault("terms", List.of());
  }

  private static List<String> distinct(List<String> texts) {
    return List.copyOf(new java.util.LinkedHashSet<>(texts));
  }
}
