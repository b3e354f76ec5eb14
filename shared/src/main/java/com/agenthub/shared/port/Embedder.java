package com.agenthub.shared.port;

import java.util.List;

/**
 * Turns texts into vectors with one model. Every vector is named by the model that produced it
 * ({@link Model}): vectors of different models are never compared or reused for one another.
 * A model that cannot embed throws {@link EmbedderException}; any other failure is a defect.
 */
public interface Embedder {

  /** A model's identity: an id that changes whenever its vectors would, and their dimension. */
  record Model(String id, int dimensions) {}

  /**
   * What a text is embedded for. Retrieval models trained on pairs embed a short query and the
   * passage that answers it differently (Vertex AI's task types); symmetric models ignore it.
   */
  enum Purpose { DOCUMENT, QUERY }

  Model model();

  /** One vector per text, in order, each of {@link Model#dimensions()} values, for documents. */
  List<float[]> embed(List<String> texts);

  /** One vector per text for {@code purpose}; a model that does not tell purposes apart embeds them as documents. */
  default List<float[]> embed(List<String> texts, Purpose purpose) {
    return embed(texts);
  }

  /** Whether {@link #embed(List, Purpose)} gives one text different vectors per purpose (then the cache keeps them apart). */
  default boolean distinguishesPurposes() {
    return false;
  }
}
