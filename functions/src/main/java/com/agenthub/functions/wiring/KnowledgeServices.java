package com.agenthub.functions.wiring;

import com.agenthub.shared.adapter.embeddings.MiniLmTokenCounter;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.knowledge.Chunker;
import com.agenthub.shared.knowledge.DocumentIndexer;
import com.agenthub.shared.knowledge.Documents;
import com.agenthub.shared.knowledge.Faqs;
import com.agenthub.shared.knowledge.IndexingSweep;
import com.agenthub.shared.knowledge.KnowledgeSearch;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EventPublisher;
import java.time.Clock;

/**
 * The Knowledge service's use cases: its own wiring, composed into {@link Services}. The embedder
 * comes from {@link Services.Backends}: in production the one EMBEDDINGS_PROVIDER chooses
 * ({@link EmbeddingModels}), built on first use.
 */
public record KnowledgeServices(Embeddings embeddings, Faqs faqs, Documents documents, DocumentIndexer indexer,
    KnowledgeSearch search, IndexingSweep sweep) {

  /** Tokens a chunk repeats from the one before: about two sentences. */
  static final int CHUNK_OVERLAP_TOKENS = 32;

  static KnowledgeServices over(DocumentStore store, Embedder embedder, EventPublisher publisher, Clock clock) {
    Embeddings embeddings = new Embeddings(store, embedder, clock);
    DocumentIndexer indexer = new DocumentIndexer(store, embeddings, new Chunker(new MiniLmTokenCounter(), CHUNK_OVERLAP_TOKENS), clock);
    boolean recordQueryText = Settings.get(Settings.KNOWLEDGE_LOG_QUERY_TEXT).map("true"::equalsIgnoreCase).orElse(false);
    return new KnowledgeServices(embeddings, new Faqs(store, embeddings, clock), new Documents(store, publisher, indexer, clock),
        indexer, new KnowledgeSearch(store, embeddings, clock, recordQueryText), new IndexingSweep(store, publisher, clock));
  }
}
