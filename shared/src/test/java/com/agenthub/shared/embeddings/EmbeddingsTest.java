package com.agenthub.shared.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.port.Embedder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache in front of the model: a hit never calls it, another model never reuses a vector. */
class EmbeddingsTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();

  /** A model that counts the texts it is asked to embed; its vector encodes the text's length and its model. */
  private static final class CountingEmbedder implements Embedder {
    final List<String> embedded = Collections.synchronizedList(new ArrayList<>());
    private final Model model;

    CountingEmbedder(String id) {
      this.model = new Model(id, 3);
    }

    @Override
    public Model model() {
      return model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      embedded.addAll(texts);
      return texts.stream().map(t -> new float[] {t.length(), model.id().length(), 1f}).toList();
    }
  }

  @Test
  void theSameTextAgainIsACacheHitAndMakesNoModelCall() {
    CountingEmbedder model = new CountingEmbedder("m1");
    Embeddings embeddings = new Embeddings(store, model, Clock.systemUTC());

    List<EmbeddedText> first = embeddings.embed("org", List.of("How do I reset my password?", "Hello"));
    List<EmbeddedText> again = embeddings.embed("org", List.of("  How do I   reset my password? ", "Something new"));

    assertEquals(List.of("How do I reset my password?", "Hello", "Something new"), model.embedded, "three model calls in all");
    assertEquals(List.of(false, false), first.stream().map(EmbeddedText::cacheHit).toList());
    assertEquals(List.of(true, false), again.stream().map(EmbeddedText::cacheHit).toList());
    assertArrayEquals(first.get(0).vector(), again.get(0).vector());
  }

  @Test
  void aDuplicateInOneBatchIsEmbeddedOnce() {
    CountingEmbedder model = new CountingEmbedder("m1");
    List<EmbeddedText> result = new Embeddings(store, model, Clock.systemUTC()).embed("org", List.of("a b", "a  b", "c"));
    assertEquals(List.of("a b", "c"), model.embedded);
    assertEquals(List.of(false, true, false), result.stream().map(EmbeddedText::cacheHit).toList());
  }

  @Test
  void anotherModelOrAnotherOrganizationNeverReusesAVector() {
    CountingEmbedder first = new CountingEmbedder("model-a");
    new Embeddings(store, first, Clock.systemUTC()).embed("org", List.of("text"));
    CountingEmbedder second = new CountingEmbedder("model-b-longer");
    EmbeddedText other = new Embeddings(store, second, Clock.systemUTC()).embed("org", List.of("text")).get(0);
    assertEquals(List.of("text"), second.embedded);
    assertEquals(false, other.cacheHit());
    assertEquals(14f, other.vector()[1], "model-b's own vector");

    new Embeddings(store, first, Clock.systemUTC()).embed("other-org", List.of("text"));
    assertEquals(List.of("text", "text"), first.embedded, "another organization's cache is its own");
  }

  @Test
  void badBatchesAreRefusedNamingTheText() {
    Embeddings embeddings = new Embeddings(store, new CountingEmbedder("m"), Clock.systemUTC());
    assertEquals("texts", assertThrows(ApiError.class, () -> embeddings.embed("org", List.of())).field().orElseThrow());
    assertEquals("texts[1]", assertThrows(ApiError.class, () -> embeddings.embed("org", List.of("ok", " "))).field().orElseThrow());
    assertEquals("texts[0]", assertThrows(ApiError.class,
        () -> embeddings.embed("org", List.of("x".repeat(Embeddings.MAX_TEXT_CHARS + 1)))).field().orElseThrow());
    List<String> tooMany = Collections.nCopies(Embeddings.MAX_BATCH + 1, "t");
    assertEquals("texts", assertThrows(ApiError.class, () -> embeddings.embed("org", tooMany)).field().orElseThrow());
  }
}
