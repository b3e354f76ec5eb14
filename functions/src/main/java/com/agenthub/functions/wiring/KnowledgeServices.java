package com.agenthub.functions.wiring;

import com.agenthub.shared.embeddings.Embeddings;
import com.agenthub.shared.knowledge.Faqs;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import java.time.Clock;

/**
 * The Knowledge service's use cases: its own wiring, composed into {@link Services}. The embedder
 * comes from {@link Services.Backends} (the in-process MiniLM model, built on first use, in
 * production; a Vertex AI embedder would be chosen there by configuration).
 */
public record KnowledgeServices(Embeddings embeddings, Faqs faqs) {

  static KnowledgeServices over(DocumentStore store, Embedder embedder, Clock clock) {
    Embeddings embeddings = new Embeddings(store, embedder, clock);
    return new KnowledgeServices(embeddings, new Faqs(store, embeddings, clock));
  }
}
