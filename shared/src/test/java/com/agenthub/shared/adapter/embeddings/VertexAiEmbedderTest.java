package com.agenthub.shared.adapter.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EmbedderException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Vertex AI adapter through the real Gen AI SDK, against a local stand-in of the predict
 * endpoint: what the SDK sends (path, token, instances, task type, dimension), how the published
 * answer is read, how batches are split, and how failures reach the port.
 */
class VertexAiEmbedderTest {

  private static final String PREDICT_005 = "/v1beta1/projects/" + VertexPredictStandIn.PROJECT + "/locations/"
      + VertexPredictStandIn.LOCATION + "/publishers/google/models/text-embedding-005:predict";

  private final VertexPredictStandIn vertex = new VertexPredictStandIn();

  @AfterEach
  void stop() {
    vertex.close();
  }

  @Test
  void sendsOnePredictRequestAndReadsThePublishedAnswerShape() {
    vertex.answerNextWith(200, "predict-two-texts.json");
    List<float[]> vectors = vertex.embedder("text-embedding-005", 4, 1).embed(List.of("How do I reset my password?", "Refunds"));

    VertexPredictStandIn.Request request = vertex.requests().get(0);
    assertEquals("POST", request.method());
    assertEquals(PREDICT_005, request.path());
    assertEquals(Optional.of("Bearer " + VertexPredictStandIn.TOKEN), request.authorization());
    assertEquals(List.of("How do I reset my password?", "Refunds"), request.contents());
    assertEquals(List.of("RETRIEVAL_DOCUMENT", "RETRIEVAL_DOCUMENT"), request.taskTypes());
    assertEquals(4, request.body().getAsJsonObject("parameters").get("outputDimensionality").getAsInt());
    assertTrue(request.body().getAsJsonObject("parameters").get("autoTruncate").getAsBoolean());

    assertEquals(2, vectors.size());
    assertArrayEquals(new float[] {0.0125f, -0.0432f, 0.0781f, -0.0066f}, vectors.get(0));
    assertArrayEquals(new float[] {-0.0219f, 0.0543f, 0.0012f, 0.0997f}, vectors.get(1));
  }

  @Test
  void aQueryIsEmbeddedWithTheQueryTaskType() {
    VertexAiEmbedder embedder = vertex.embedder("text-embedding-005", 768, 1);
    float[] vector = embedder.embed(List.of("where is my parcel"), Embedder.Purpose.QUERY).get(0);

    assertEquals(List.of("RETRIEVAL_QUERY"), vertex.requests().get(0).taskTypes());
    assertEquals(768, vertex.requests().get(0).body().getAsJsonObject("parameters").get("outputDimensionality").getAsInt());
    assertArrayEquals(VertexPredictStandIn.vectorOf("where is my parcel", 768), vector);
    assertTrue(embedder.distinguishesPurposes());
  }

  @Test
  void theModelIdNamesTheModelAndItsDimension() {
    assertEquals(new Embedder.Model("text-embedding-005@768", 768), vertex.embedder("text-embedding-005", 768, 1).model());
    assertEquals(new Embedder.Model("gemini-embedding-001@1536", 1536), vertex.embedder("gemini-embedding-001", 1536, 1).model());
    assertThrows(IllegalArgumentException.class, () -> vertex.embedder("gemini-embedding-001", 3072, 1),
        "Firestore holds at most 2048 dimensions");
    assertThrows(IllegalArgumentException.class, () -> vertex.embedder("text-embedding-005", 1024, 1),
        "text-embedding-005 answers at most 768");
  }

  @Test
  void batchesAreSplitToTheApisLimitsAndVectorsKeepTheirOrder() {
    List<String> texts = IntStream.range(0, 600).mapToObj(i -> "text number " + i).toList();
    List<float[]> vectors = vertex.embedder("text-embedding-005", 8, 1).embed(texts);

    assertEquals(List.of(250, 250, 100), vertex.requests().stream().map(r -> r.contents().size()).toList());
    assertEquals(texts, vertex.requests().stream().flatMap(r -> r.contents().stream()).toList());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(VertexPredictStandIn.vectorOf(texts.get(i), 8), vectors.get(i), "vector " + i);
    }
  }

  @Test
  void longTextsAreSplitByCharactersAndGeminiTakesOneTextARequest() {
    String page = String.join("", Collections.nCopies(200, "0123456789"));
    List<String> long30 = IntStream.range(0, 30).mapToObj(i -> i + page).toList();
    vertex.embedder("text-embedding-005", 8, 1).embed(long30);
    List<Integer> characters = vertex.requests().stream()
        .map(r -> r.contents().stream().mapToInt(String::length).sum()).toList();
    assertEquals(2, characters.size(), characters.toString());
    assertTrue(characters.stream().allMatch(c -> c <= VertexAiEmbedder.MAX_REQUEST_CHARS), characters.toString());

    VertexPredictStandIn gemini = new VertexPredictStandIn();
    try (gemini) {
      List<float[]> vectors = gemini.embedder("gemini-embedding-001", 16, 1).embed(List.of("a", "b", "c"));
      assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), gemini.requests().stream().map(VertexPredictStandIn.Request::contents).toList());
      assertTrue(gemini.requests().get(0).path().endsWith("/publishers/google/models/gemini-embedding-001:predict"));
      assertArrayEquals(VertexPredictStandIn.vectorOf("c", 16), vectors.get(2));
    }
  }

  @Test
  void quotaAndServerErrorsAreUnavailable() {
    vertex.answerNextWith(429, "error-429.json").answerNextWith(500, "error-500.json");
    VertexAiEmbedder embedder = vertex.embedder("text-embedding-005", 4, 1);

    EmbedderException quota = assertThrows(EmbedderException.class, () -> embedder.embed(List.of("x")));
    assertEquals(EmbedderException.Reason.UNAVAILABLE, quota.reason());
    assertTrue(quota.getMessage().contains("429 RESOURCE_EXHAUSTED"), quota.getMessage());
    EmbedderException outage = assertThrows(EmbedderException.class, () -> embedder.embed(List.of("x")));
    assertEquals(EmbedderException.Reason.UNAVAILABLE, outage.reason());
    assertTrue(outage.getMessage().contains("500"), outage.getMessage());
  }

  @Test
  void theSdkRetriesAQuotaErrorWhenAllowedMoreThanOneAttempt() {
    vertex.answerNextWith(429, "error-429.json");
    float[] vector = vertex.embedder("text-embedding-005", 4, 2).embed(List.of("x")).get(0);

    assertEquals(2, vertex.requests().size());
    assertArrayEquals(VertexPredictStandIn.vectorOf("x", 4), vector);
  }

  @Test
  void aRefusedRequestOrAnAnswerOfTheWrongShapeIsRefused() {
    vertex.answerNextWith(400, "error-400.json")
        .answerNextWith(200, "predict-wrong-dimension.json")
        .answerNextWith(200, "predict-missing-embeddings.json")
        .answerNextWith(200, "predict-two-texts.json");
    VertexAiEmbedder embedder = vertex.embedder("text-embedding-005", 4, 1);

    EmbedderException invalid = assertThrows(EmbedderException.class, () -> embedder.embed(List.of("x")));
    assertEquals(EmbedderException.Reason.REFUSED, invalid.reason());
    assertTrue(invalid.getMessage().contains("400 INVALID_ARGUMENT"), invalid.getMessage());
    EmbedderException dimension = assertThrows(EmbedderException.class, () -> embedder.embed(List.of("x")));
    assertEquals(EmbedderException.Reason.REFUSED, dimension.reason());
    assertTrue(dimension.getMessage().contains("4 values expected, got 3"), dimension.getMessage());
    EmbedderException missing = assertThrows(EmbedderException.class, () -> embedder.embed(List.of("x")));
    assertEquals(EmbedderException.Reason.REFUSED, missing.reason());
    EmbedderException count = assertThrows(EmbedderException.class, () -> embedder.embed(List.of("x")),
        "two vectors for one text");
    assertTrue(count.getMessage().contains("1 embeddings expected, got 2"), count.getMessage());
  }
}
