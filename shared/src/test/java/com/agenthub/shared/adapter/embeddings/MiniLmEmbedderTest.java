package com.agenthub.shared.adapter.embeddings;

import static com.agenthub.shared.testing.Vectors.cosine;
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
}
