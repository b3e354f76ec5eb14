package com.agenthub.shared.port;

import java.util.List;

/**
 * Turns texts into vectors with one model. Every vector is named by the model that produced it
 * ({@link Model}): vectors of different models are never compared or reused for one another.
 */
public interface Embedder {

  /** A model's identity: an id that changes whenever its vectors would, and their dimension. */
  record Model(String id, int dimensions) {}

  Model model();

  /** One vector per text, in order, each of {@link Model#dimensions()} values. */
  List<float[]> embed(List<String> texts);
}
