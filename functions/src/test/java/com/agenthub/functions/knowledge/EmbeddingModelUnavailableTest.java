package com.agenthub.functions.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.adapter.embeddings.VertexPredictStandIn;
import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.http.FakeHttp;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP functions that embed, on the Vertex AI adapter (the real SDK against the local predict
 * stand-in): a model over quota answers 503 with Retry-After, a refused request 500, and a model
 * that answers gives the vectors.
 */
class EmbeddingModelUnavailableTest {

  private final VertexPredictStandIn vertex = new VertexPredictStandIn();
  private final Services services = Services.over(new Services.Backends(new InMemoryDocumentStore(), new InMemoryEventPublisher(),
      new InMemoryWarehouse(), vertex.embedder("text-embedding-005", 8, 1), Optional.empty(), Clock.systemUTC(),
      Duration.ofSeconds(60), Duration.ZERO));
  private final String key = services.organizations().create("Vertex").firstKey().secret();

  @AfterEach
  void stop() {
    vertex.close();
  }

  private FakeHttp.Response embed(String text) {
    FakeHttp.Response response = new FakeHttp.Response();
    new EmbedTexts(services).service(new FakeHttp.Request("POST", Map.of("Authorization", List.of("Bearer " + key),
        "Content-Type", List.of("application/json")), ("{\"texts\": [\"" + text + "\"]}").getBytes(StandardCharsets.UTF_8)), response);
    return response;
  }

  @Test
  void aModelOverQuotaIsA503WithRetryAfterAndARefusedRequestA500() {
    vertex.answerNextWith(429, "error-429.json").answerNextWith(400, "error-400.json");

    FakeHttp.Response quota = embed("hello");
    assertEquals(503, quota.status(), quota.text());
    assertEquals(List.of("1"), quota.getHeaders().get("Retry-After"));
    assertEquals("unavailable", JsonParser.parseString(quota.text()).getAsJsonObject().getAsJsonObject("error").get("code").getAsString());

    FakeHttp.Response refused = embed("hello");
    assertEquals(500, refused.status(), refused.text());
    assertTrue(!refused.text().contains("INVALID_ARGUMENT"), "the model's answer is logged, not shown: " + refused.text());

    FakeHttp.Response answered = embed("hello");
    assertEquals(200, answered.status(), answered.text());
    JsonObject body = JsonParser.parseString(answered.text()).getAsJsonObject();
    assertEquals("text-embedding-005@8", body.getAsJsonObject("model").get("id").getAsString());
    assertEquals(3, vertex.requests().size());
  }
}
