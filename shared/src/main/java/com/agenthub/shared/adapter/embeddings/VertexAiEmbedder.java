package com.agenthub.shared.adapter.embeddings;

import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.EmbedderException;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.ContentEmbedding;
import com.google.genai.types.EmbedContentConfig;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Vertex AI's text embedding models on Google's Gen AI SDK ({@code com.google.genai}), which calls
 * the model's {@code :predict} endpoint with one instance per text. A query and a passage are
 * embedded with their own task types (RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT). Batches are split to
 * the API's per-request limits. The model id names the model and the output dimension, so the
 * cache and the vector indexes never mix two of them.
 */
public final class VertexAiEmbedder implements Embedder {

  /** Texts per request (Vertex AI, "Get text embeddings": 250 for the text-embedding models). */
  static final int MAX_TEXTS = 250;
  /** gemini-embedding-001 takes one text per request on Vertex AI. */
  static final int MAX_TEXTS_GEMINI = 1;
  /** A request holds at most 20,000 input tokens; at 2 or more characters a token (English: ~4) this stays under it. */
  static final int MAX_REQUEST_CHARS = 40_000;
  /** Firestore's vector fields hold at most 2,048 dimensions. */
  public static final int MAX_DIMENSIONS = 2_048;
  /** text-embedding-005 and text-multilingual-embedding-002 answer at most 768. */
  static final int MAX_DIMENSIONS_TEXT_MODELS = 768;

  /**
   * Where and what to call. {@code baseUrl} and {@code credentials} are for tests (a local stand-in
   * of the endpoint); in Google Cloud the SDK finds the regional endpoint and the instance's
   * service account itself. {@code attempts}: the SDK's own tries of a 408/429/5xx, with backoff.
   */
  public record Config(String project, String location, String model, int dimensions, int attempts,
      Optional<String> baseUrl, Optional<GoogleCredentials> credentials) {

    public Config {
      if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
        throw new IllegalArgumentException("an embedding dimension must be 1.." + MAX_DIMENSIONS
            + " (Firestore's vector limit), got " + dimensions);
      }
      if (model.startsWith("text-") && dimensions > MAX_DIMENSIONS_TEXT_MODELS) {
        throw new IllegalArgumentException(model + " answers at most " + MAX_DIMENSIONS_TEXT_MODELS + " dimensions, got " + dimensions);
      }
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
    }
  }

  private final Client client;
  private final String modelName;
  private final Model model;
  private final int maxTexts;

  private VertexAiEmbedder(Client client, String modelName, int dimensions) {
    this.client = client;
    this.modelName = modelName;
    this.model = new Model(modelName + "@" + dimensions, dimensions);
    this.maxTexts = modelName.startsWith("gemini-") ? MAX_TEXTS_GEMINI : MAX_TEXTS;
  }

  public static VertexAiEmbedder connect(Config config) {
    HttpOptions.Builder http = HttpOptions.builder()
        .timeout(30_000)
        .retryOptions(HttpRetryOptions.builder().attempts(config.attempts()).initialDelay(1.0).maxDelay(8.0)
            .httpStatusCodes(408, 429, 500, 502, 503, 504).build());
    config.baseUrl().ifPresent(http::baseUrl);
    Client.Builder client = Client.builder().vertexAI(true).project(config.project()).location(config.location())
        .httpOptions(http.build());
    config.credentials().ifPresent(client::credentials);
    return new VertexAiEmbedder(client.build(), config.model(), config.dimensions());
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    return embed(texts, Purpose.DOCUMENT);
  }

  @Override
  public List<float[]> embed(List<String> texts, Purpose purpose) {
    EmbedContentConfig config = EmbedContentConfig.builder()
        .taskType(purpose == Purpose.QUERY ? "RETRIEVAL_QUERY" : "RETRIEVAL_DOCUMENT")
        .outputDimensionality(model.dimensions())
        // As MiniLM does: a text beyond the model's 2,048 tokens is read up to there, not refused.
        .autoTruncate(true)
        .build();
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (List<String> batch : batches(texts)) {
      vectors.addAll(vectors(call(batch, config), batch.size()));
    }
    return vectors;
  }

  @Override
  public boolean distinguishesPurposes() {
    return true;
  }

  /** Consecutive slices within the request limits (a text longer than the character budget goes alone). */
  List<List<String>> batches(List<String> texts) {
    List<List<String>> batches = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int chars = 0;
    for (String text : texts) {
      if (!current.isEmpty() && (current.size() == maxTexts || chars + text.length() > MAX_REQUEST_CHARS)) {
        batches.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(text);
      chars += text.length();
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private EmbedContentResponse call(List<String> batch, EmbedContentConfig config) {
    try {
      return client.models.embedContent(modelName, batch, config);
    } catch (ApiException e) {
      boolean later = e.code() == 408 || e.code() == 429 || e.code() >= 500;
      throw new EmbedderException(later ? EmbedderException.Reason.UNAVAILABLE : EmbedderException.Reason.REFUSED,
          "Vertex AI " + modelName + " answered " + e.code() + " " + e.status() + ": " + e.message(), e);
    } catch (GenAiIOException e) {
      throw new EmbedderException(EmbedderException.Reason.UNAVAILABLE, "Vertex AI " + modelName + " unreachable: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new EmbedderException(EmbedderException.Reason.REFUSED, "Vertex AI " + modelName + " answered something unreadable: "
          + e.getMessage(), e);
    }
  }

  /** The answer's vectors, checked: one per text, each of the model's dimension, every value a finite number. */
  private List<float[]> vectors(EmbedContentResponse response, int expected) {
    List<ContentEmbedding> embeddings = response.embeddings().orElse(List.of());
    if (embeddings.size() != expected) {
      throw badShape(expected + " embeddings expected, got " + embeddings.size());
    }
    List<float[]> vectors = new ArrayList<>(expected);
    for (ContentEmbedding embedding : embeddings) {
      List<Float> values = embedding.values().orElse(List.of());
      if (values.size() != model.dimensions()) {
        throw badShape("a vector of " + model.dimensions() + " values expected, got " + values.size());
      }
      float[] vector = new float[values.size()];
      for (int i = 0; i < vector.length; i++) {
        Float value = values.get(i);
        if (value == null || !Float.isFinite(value)) {
          throw badShape("value " + i + " of a vector is not a finite number");
        }
        vector[i] = value;
      }
      vectors.add(vector);
    }
    return vectors;
  }

  private EmbedderException badShape(String what) {
    return new EmbedderException(EmbedderException.Reason.REFUSED, "Vertex AI " + modelName + " answered an unexpected shape: " + what,
        null);
  }
}
