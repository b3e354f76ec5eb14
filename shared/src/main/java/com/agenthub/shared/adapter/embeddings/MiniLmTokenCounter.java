package com.agenthub.shared.adapter.embeddings;

import com.agenthub.shared.port.TokenCounter;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;

/**
 * all-MiniLM-L6-v2's own WordPiece tokenizer (the bert-tokenizer.json inside langchain4j's ONNX
 * module), so a chunk's size is counted exactly as the model will read it. Loads on first use.
 */
public final class MiniLmTokenCounter implements TokenCounter {

  private volatile HuggingFaceTokenCountEstimator estimator;

  @Override
  public int count(String text) {
    return loaded().estimateTokenCountInText(text);
  }

  private HuggingFaceTokenCountEstimator loaded() {
    HuggingFaceTokenCountEstimator loaded = estimator;
    if (loaded == null) {
      synchronized (this) {
        if (estimator == null) {
          estimator = new HuggingFaceTokenCountEstimator();
        }
        loaded = estimator;
      }
    }
    return loaded;
  }
}
