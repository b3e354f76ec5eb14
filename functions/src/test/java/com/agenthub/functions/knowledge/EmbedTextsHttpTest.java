package com.agenthub.functions.knowledge;

import static com.agenthub.shared.testing.Vectors.cosine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EmbedTexts over real HTTP with the real model: vectors by meaning, cached per organization. */
class EmbedTextsHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Embeddings test");

  @Test
  void vectorsComeFromTheModelOnceThenFromTheCache() {
    String body = "{\"texts\": [\"How do I reset my password?\", \"I forgot my login credentials\", \"The weather in Paris is sunny\"]}";
    ApiResponse first = org.post("EmbedTexts", body);
    assertEquals(200, first.status(), first.toString());
    assertEquals("all-minilm-l6-v2-q", first.json().getAsJsonObject("model").get("id").getAsString());
    assertEquals(0, first.json().get("cache_hits").getAsInt());
    List<float[]> vectors = vectors(first.json());
    assertEquals(384, vectors.get(0).length);
    assertTrue(cosine(vectors.get(0), vectors.get(1)) > 0.5, "a paraphrase is close");
    assertTrue(cosine(vectors.get(0), vectors.get(2)) < 0.2, "an unrelated sentence is not");

    ApiResponse again = org.post("EmbedTexts", "{\"texts\": [\"How do I  reset my password? \", \"Something new\"]}");
    assertEquals(1, again.json().get("cache_hits").getAsInt());
    assertEquals(List.of(true, false), hits(again.json()));
    assertEquals(first.json().getAsJsonArray("embeddings").get(0).getAsJsonObject().get("vector"),
        again.json().getAsJsonArray("embeddings").get(0).getAsJsonObject().get("vector"), "the cached vector, exactly");

    ApiResponse otherTenant = LocalStackFixture.newOrganization("Another").post("EmbedTexts", "{\"texts\": [\"How do I reset my password?\"]}");
    assertEquals(List.of(false), hits(otherTenant.json()), "another organization never sees this one's cache");
  }

  @Test
  void aCachedOnlyLookupAnswersFromTheCacheAndWritesNothing() {
    String lookup = "{\"texts\": [\"Where is my parcel?\", \"Where is my refund?\"], \"cached_only\": true}";
    ApiResponse before = org.post("EmbedTexts", lookup);
    assertEquals(200, before.status(), before.toString());
    assertEquals(List.of(false, false), hits(before.json()));
    assertTrue(before.json().getAsJsonArray("embeddings").get(0).getAsJsonObject().get("vector").isJsonNull(), "a miss has no vector");
    assertEquals(List.of(false, false), hits(org.post("EmbedTexts", lookup).json()), "the lookup cached nothing");

    ApiResponse embedded = org.post("EmbedTexts", "{\"texts\": [\"Where is my parcel?\"]}");
    ApiResponse after = org.post("EmbedTexts", lookup);
    assertEquals(List.of(true, false), hits(after.json()));
    assertEquals(1, after.json().get("cache_hits").getAsInt());
    assertEquals(embedded.json().getAsJsonArray("embeddings").get(0).getAsJsonObject().get("vector"),
        after.json().getAsJsonArray("embeddings").get(0).getAsJsonObject().get("vector"), "the cached vector, exactly");
    assertField(org.post("EmbedTexts", "{\"texts\": [\"ok\"], \"cached_only\": \"yes\"}"), "cached_only");
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertField(org.post("EmbedTexts", "{}"), "texts");
    assertField(org.post("EmbedTexts", "{\"texts\": []}"), "texts");
    assertField(org.post("EmbedTexts", "{\"texts\": [\"ok\", 7]}"), "texts[1]");
    assertField(org.post("EmbedTexts", "{\"texts\": [\"ok\", \"  \"]}"), "texts[1]");
    assertField(org.post("EmbedTexts", "{\"texts\": [\"ok\"], \"model\": \"x\"}"), "model");
  }

  private static void assertField(ApiResponse response, String field) {
    assertEquals(400, response.status(), response.toString());
    assertEquals(field, response.errorField());
  }

  private static List<Boolean> hits(JsonObject reply) {
    List<Boolean> hits = new ArrayList<>();
    reply.getAsJsonArray("embeddings").forEach(e -> hits.add(e.getAsJsonObject().get("cache_hit").getAsBoolean()));
    return hits;
  }

  private static List<float[]> vectors(JsonObject reply) {
    List<float[]> vectors = new ArrayList<>();
    for (var element : reply.getAsJsonArray("embeddings")) {
      JsonArray values = element.getAsJsonObject().getAsJsonArray("vector");
      float[] vector = new float[values.size()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = values.get(i).getAsFloat();
      }
      vectors.add(vector);
    }
    return vectors;
  }
}
