package com.agenthub.functions.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.embeddings.MiniLmEmbedder;
import com.agenthub.shared.adapter.embeddings.VertexAiEmbedder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedding model production builds, chosen by EMBEDDINGS_PROVIDER (given here as JVM properties, which win over the environment). */
class EmbeddingModelsTest {

  private static final List<String> SETTINGS = List.of(Settings.EMBEDDINGS_PROVIDER, Settings.VERTEX_EMBEDDING_MODEL,
      Settings.VERTEX_EMBEDDING_DIMENSIONS, Settings.VERTEX_LOCATION);

  @AfterEach
  void clear() {
    SETTINGS.forEach(System::clearProperty);
  }

  @Test
  void miniLmUnlessConfiguredOtherwise() {
    assertInstanceOf(MiniLmEmbedder.class, EmbeddingModels.configured());
    System.setProperty(Settings.EMBEDDINGS_PROVIDER, "minilm");
    assertEquals(MiniLmEmbedder.MODEL, EmbeddingModels.configured().model());
  }

  @Test
  void vertexWithItsModelDimensionAndRegion() {
    System.setProperty(Settings.EMBEDDINGS_PROVIDER, "vertex");
    System.setProperty(Settings.VERTEX_LOCATION, "europe-west1");
    VertexAiEmbedder.Config byDefault = EmbeddingModels.vertexConfig();
    assertEquals(List.of(Settings.projectId(), "europe-west1", "text-embedding-005", 768),
        List.of(byDefault.project(), byDefault.location(), byDefault.model(), byDefault.dimensions()));
    assertTrue(byDefault.baseUrl().isEmpty() && byDefault.credentials().isEmpty(), "the real endpoint, the instance's credentials");

    System.setProperty(Settings.VERTEX_EMBEDDING_MODEL, "gemini-embedding-001");
    System.setProperty(Settings.VERTEX_EMBEDDING_DIMENSIONS, "1536");
    assertEquals(List.of("gemini-embedding-001", 1536),
        List.of(EmbeddingModels.vertexConfig().model(), EmbeddingModels.vertexConfig().dimensions()));
  }

  @Test
  void aMisconfigurationSaysWhatIsWrong() {
    System.setProperty(Settings.EMBEDDINGS_PROVIDER, "openai");
    assertTrue(assertThrows(IllegalStateException.class, EmbeddingModels::configured).getMessage()
        .contains("EMBEDDINGS_PROVIDER must be minilm or vertex, got 'openai'"));
    System.setProperty(Settings.EMBEDDINGS_PROVIDER, "vertex");
    assertTrue(assertThrows(IllegalStateException.class, EmbeddingModels::configured).getMessage().contains("VERTEX_LOCATION"));
    System.setProperty(Settings.VERTEX_LOCATION, "us-central1");
    System.setProperty(Settings.VERTEX_EMBEDDING_DIMENSIONS, "3072");
    assertTrue(assertThrows(IllegalArgumentException.class, EmbeddingModels::configured).getMessage().contains("2048"));
  }
}
