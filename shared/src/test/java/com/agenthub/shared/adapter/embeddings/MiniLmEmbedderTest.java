package com.agenthub.shared.adapter.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
