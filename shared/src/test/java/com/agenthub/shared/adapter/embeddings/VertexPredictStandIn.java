package com.agenthub.shared.adapter.embeddings;

import com.agenthub.shared.ids.Sha256;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for Vertex AI's {@code publishers/google/models/MODEL:predict} endpoint on 127.0.0.1,
 * for the real SDK to talk to: it records every request (path, Authorization, JSON body) and
 * answers in the published response shape — scripted answers (fixture files under
 * {@code vertex/}) first, then a vector per instance derived from the instance's text.
 */
public final class VertexPredictStandIn implements AutoCloseable {

  public static final String PROJECT = "test-project";
  public static final String LOCATION = "us-central1";
  public static final String TOKEN = "test-access-token";

  /** One request as the SDK sent it. */
  public record Request(String method, String path, Optional<String> authorization, JsonObject body) {

    public List<String> contents() {
      List<String> contents = new ArrayList<>();
      body.getAsJsonArray("instances").forEach(i -> contents.add(i.getAsJsonObject().get("content").getAsString()));
      return contents;
    }

    public List<String> taskTypes() {
      List<String> types = new ArrayList<>();
      body.getAsJsonArray("instances").forEach(i -> types.add(i.getAsJsonObject().get("task_type").getAsString()));
      return types;
    }
  }

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Answer> scripted = new ArrayDeque<>();
  private final java.util.Map<Integer, Answer> byIndex = new java.util.HashMap<>();

  public VertexPredictStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The real adapter, pointed here with a fixed token; the SDK tries each request {@code attempts} times. */
  public VertexAiEmbedder embedder(String model, int dimensions, int attempts) {
    GoogleCredentials credentials = GoogleCredentials.create(new AccessToken(TOKEN, new Date(System.currentTimeMillis() + 3_600_000)));
    return VertexAiEmbedder.connect(new VertexAiEmbedder.Config(PROJECT, LOCATION, model, dimensions, attempts,
        Optional.of(baseUrl()), Optional.of(credentials)));
  }

  /** The next request gets {@code status} with the fixture file {@code vertex/NAME} as its body. */
  public synchronized VertexPredictStandIn answerNextWith(int status, String fixture) {
    scripted.addLast(new Answer(status, fixture(fixture)));
    return this;
  }

  /** Request number {@code index} (0 = the first this stand-in receives) gets {@code status} with the fixture; the others are answered. */
  public synchronized VertexPredictStandIn answerRequestWith(int index, int status, String fixture) {
    byIndex.put(index, new Answer(status, fixture(fixture)));
    return this;
  }

  /** Forgets what was received and scripted: the next request is number 0 again. */
  public synchronized void reset() {
    requests.clear();
    scripted.clear();
    byIndex.clear();
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The vector this stand-in answers for {@code text} when nothing is scripted: from its hash, unit length. */
  public static float[] vectorOf(String text, int dimensions) {
    byte[] hash = Sha256.hex(text).getBytes(StandardCharsets.US_ASCII);
    float[] vector = new float[dimensions];
    double norm = 0;
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (hash[i % hash.length] - 80) / 32f + i % 3;
      norm += vector[i] * vector[i];
    }
    for (int i = 0; i < dimensions; i++) {
      vector[i] = (float) (vector[i] / Math.sqrt(norm));
    }
    return vector;
  }

  public static String fixture(String name) {
    try (InputStream in = VertexPredictStandIn.class.getResourceAsStream("/vertex/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture vertex/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonObject body = JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
          .getAsJsonObject();
      Answer answer;
      synchronized (this) {
        int index = requests.size();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")), body));
        answer = byIndex.containsKey(index) ? byIndex.get(index)
            : scripted.isEmpty() ? new Answer(200, predictions(body)) : scripted.removeFirst();
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The published shape: {@code predictions[].embeddings.{values, statistics}} and {@code metadata.billableCharacterCount}. */
  private static String predictions(JsonObject request) {
    int dimensions = request.getAsJsonObject("parameters").get("outputDimensionality").getAsInt();
    JsonArray predictions = new JsonArray();
    int characters = 0;
    for (JsonElement instance : request.getAsJsonArray("instances")) {
      String content = instance.getAsJsonObject().get("content").getAsString();
      characters += content.length();
      JsonArray values = new JsonArray();
      for (float value : vectorOf(content, dimensions)) {
        values.add(value);
      }
      JsonObject statistics = new JsonObject();
      statistics.addProperty("truncated", false);
      statistics.addProperty("token_count", Math.max(1, content.length() / 4));
      JsonObject embeddings = new JsonObject();
      embeddings.add("statistics", statistics);
      embeddings.add("values", values);
      JsonObject prediction = new JsonObject();
      prediction.add("embeddings", embeddings);
      predictions.add(prediction);
    }
    JsonObject metadata = new JsonObject();
    metadata.addProperty("billableCharacterCount", characters);
    JsonObject response = new JsonObject();
    response.add("predictions", predictions);
    response.add("metadata", metadata);
    return response.toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
