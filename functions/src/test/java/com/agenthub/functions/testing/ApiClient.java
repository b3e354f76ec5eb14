package com.agenthub.functions.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** A real HTTP client for the functions, authenticated as one credential. */
public final class ApiClient {

  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private final String baseUrl;
  private final String bearer;

  public ApiClient(String baseUrl, String bearer) {
    this.baseUrl = baseUrl;
    this.bearer = bearer;
  }

  public String bearer() {
    return bearer;
  }

  public ApiClient as(String otherBearer) {
    return new ApiClient(baseUrl, otherBearer);
  }

  public ApiResponse get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, Map.of());
  }

  public ApiResponse post(String pathAndQuery, String json) {
    return send("POST", pathAndQuery, json, Map.of("Content-Type", "application/json"));
  }

  public ApiResponse patch(String pathAndQuery, String json, Map<String, String> headers) {
    var all = new java.util.HashMap<>(headers);
    all.putIfAbsent("Content-Type", "application/json");
    return send("PATCH", pathAndQuery, json, all);
  }

  public ApiResponse delete(String pathAndQuery, Map<String, String> headers) {
    return send("DELETE", pathAndQuery, null, headers);
  }

  public ApiResponse send(String method, String pathAndQuery, String body, Map<String, String> headers) {
    return sendBytes(method, pathAndQuery, body == null ? null : body.getBytes(StandardCharsets.UTF_8), b -> headers.forEach(b::header));
  }

  /** The raw form: any bytes, any headers (the Authorization header is added unless given). */
  public ApiResponse sendBytes(String method, String pathAndQuery, byte[] body, Consumer<HttpRequest.Builder> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + pathAndQuery))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    headers.accept(request);
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new ApiResponse(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
