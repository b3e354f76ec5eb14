package com.agenthub.shared.adapter.embeddings;

import com.agenthub.shared.port.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * all-MiniLM-L6-v2, quantized, in process on ONNX Runtime (the model ships inside its jar: no
 * network). 384 dimensions; inputs beyond its 256 word pieces are cut by the model's tokenizer.
 * The model loads on first use (~0.5 s), so functions that never embed never pay for it.
 */
public final class MiniLmEmbedder implements Embedder {

  public static final Model MODEL = new Model("all-minilm-l6-v2-q", 384);

  private volatile EmbeddingModel model;

  @Override
  public Model model() {
    return MODEL;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    var segments = texts.stream().map(TextSegment::from).toList();
    return loaded().embedAll(segments).content().stream().map(embedding -> embedding.vector()).toList();
  }

  private EmbeddingModel loaded() {
    EmbeddingModel loaded = model;
    if (loaded == null) {
      synchronized (this) {
        if (model == null) {
          model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        loaded = model;
      }
    }
    return loaded;
  }
}
