package com.agenthub.shared.adapter.embeddings;

import static com.agenthub.shared.testing.Vectors.cosine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real model, offline: 384 dimensions, and meaning rather than words decides similarity. */
class MiniLmEmbedderTest {

  @Test
  void aParaphraseIsCloseAndAnUnrelatedSentenceIsNot() {
    List<float[]> vectors = new MiniLmEmbedder().embed(List.of(
        "How do I reset my password?", "I forgot my login credentials", "The weather in Paris is sunny"));
    assertEquals(384, vectors.get(0).length);
    double paraphrase = cosine(vectors.get(0), vectors.get(1));
    double unrelated = cosine(vectors.get(0), vectors.get(2));
    assertTrue(paraphrase > 0.5, "paraphrase: " + paraphrase);
    assertTrue(unrelated < 0.2, "unrelated: " + unrelated);
  }

  @Test
  void ourOneThreadSessionGivesTheEmbeddingsOfLangchain4jsDefaultSession() {
    List<String> texts = List.of("How do I reset my password?", "Parcels leave our warehouse within two days.",
        "Ünïcödé, emoji 🙂 and a long tail " + "word ".repeat(300));
    List<float[]> ours = new MiniLmEmbedder().embed(texts);
    var theirs = new AllMiniLmL6V2QuantizedEmbeddingModel().embedAll(texts.stream().map(TextSegment::from).toList()).content();
    for (int i = 0; i < texts.size(); i++) {
      float[] expected = theirs.get(i).vector();
      assertEquals(expected.length, ours.get(i).length);
      for (int d = 0; d < expected.length; d++) {
        assertEquals(expected[d], ours.get(i)[d], 1e-5, "text " + i + ", dimension " + d);
      }
    }
  }
}
