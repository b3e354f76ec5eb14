package com.agenthub.functions.wiring;

import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.knowledge.Faqs;
import com.agenthub.shared.port.DocumentStore;
import java.time.Clock;

/**
 * The Knowledge service's use cases: its own wiring, composed into {@link Services}. The embedder
 * is the in-process MiniLM model today (it loads on first use, so building this costs nothing);
 * a Vertex AI embedder would be chosen here by configuration.
 */
public record KnowledgeServices(Embeddings embeddings, Faqs faqs) {

  static KnowledgeServices over(DocumentStore store, Clock clock) {
    Embeddings embeddings = new Embeddings(store, new MiniLmEmbedder(), clock);
    return new KnowledgeServices(embeddings, new Faqs(store, embeddings, clock));
  }
}
