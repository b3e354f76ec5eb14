package com.agenthub.functions.wiring;

import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.agenthub.shared.adapter.embeddings.VertexAiEmbedder;
import com.agenthub.shared.port.Embedder;
import java.util.Optional;

/**
 * The embedding model, chosen by {@link Settings#EMBEDDINGS_PROVIDER}: all-MiniLM-L6-v2 in
 * process (the default), or Vertex AI. Called only on a function's first embedding, and each
 * adapter class is named only in its own branch, so a function loads the libraries of the one it uses.
 */
final class EmbeddingModels {

  static final String MINILM = "minilm";
  static final String VERTEX = "vertex";
  static final String DEFAULT_VERTEX_MODEL = "text-embedding-005";
  static final int DEFAULT_VERTEX_DIMENSIONS = 768;
  /** The SDK's tries of a 408/429/5xx (1 s, 2 s, 4 s apart) before the indexer marks a document failed. */
  static final int VERTEX_ATTEMPTS = 4;

  private EmbeddingModels() {}

  static Embedder configured() {
    String provider = Settings.get(Settings.EMBEDDINGS_PROVIDER).orElse(MINILM);
    return switch (provider) {
      case MINILM -> new MiniLmEmbedder();
      case VERTEX -> vertex();
      default -> throw new IllegalStateException(Settings.EMBEDDINGS_PROVIDER + " must be " + MINILM + " or " + VERTEX
          + ", got '" + provider + "'");
    };
  }

  /** Connects on first use: the SDK looks up the instance's credentials (Application Default Credentials) as it is built. */
  private static Embedder vertex() {
    return VertexAiEmbedder.connect(vertexConfig());
  }

  static VertexAiEmbedder.Config vertexConfig() {
    String location = Settings.get(Settings.VERTEX_LOCATION).orElseThrow(() -> new IllegalStateException(
        Settings.VERTEX_LOCATION + " is not set: the Vertex AI embedder needs a region, e.g. us-central1"));
    int dimensions = Settings.get(Settings.VERTEX_EMBEDDING_DIMENSIONS).map(value -> {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalStateException(Settings.VERTEX_EMBEDDING_DIMENSIONS + " must be a whole number, got '" + value + "'");
      }
    }).orElse(DEFAULT_VERTEX_DIMENSIONS);
    return new VertexAiEmbedder.Config(Settings.projectId(), location,
        Settings.get(Settings.VERTEX_EMBEDDING_MODEL).orElse(DEFAULT_VERTEX_MODEL), dimensions, VERTEX_ATTEMPTS,
        Optional.empty(), Optional.empty());
  }
}
