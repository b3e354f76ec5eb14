package com.agenthub.functions.wiring;

import com.agenthub.shared.port.Embedder;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the embedding model's adapter on first use: a function that never embeds never loads its
 * classes (ONNX Runtime, langchain4j), which its deploy package may not even contain.
 */
final class LazyEmbedder implements Embedder {

  private final Lazy<Embedder> embedder;

  LazyEmbedder(Supplier<Embedder> build) {
    this.embedder = new Lazy<>(build);
  }

  @Override
  public Model model() {
    return embedder.get().model();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    return embedder.get().embed(texts);
  }

  @Override
  public List<float[]> embed(List<String> texts, Purpose purpose) {
    return embedder.get().embed(texts, purpose);
  }

  @Override
  public boolean distinguishesPurposes() {
    return embedder.get().distinguishesPurposes();
  }
}
