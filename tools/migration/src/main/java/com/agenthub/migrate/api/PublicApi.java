package com.agenthub.migrate.api;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The product's public HTTP API as the migration uses it: one organization key, JSON both ways,
 * and patience where the API asks for it. 503 and 502/504, connection failures, and a 429 that is
 * not a plan limit are retried with exponential backoff and jitter (honouring Retry-After);
 * everything else is the caller's to judge. A plan limit (429 limit_exceeded) is not retried:
 * waiting does not lift it.
 */
public final class PublicApi {

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final String baseUrl;
  private final String key;
  private final HttpClient http;
  private final int maxAttempts;
  private final Duration timeout;
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();

  public PublicApi(String baseUrl, String key, int maxAttempts, Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.key = key;
    this.maxAttempts = maxAttempts;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  public Answer post(String function, JsonElement body) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + function))
        .POST(HttpRequest.BodyPublishers.ofString(GSON.toJson(body), StandardCharsets.UTF_8))
        .header("Content-Type", "application/json"));
  }

  public Answer get(String function, Map<String, String> query) {
    String q = query.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + function + (q.isEmpty() ? "" : "?" + q))).GET());
  }

  private Answer send(HttpRequest.Builder builder) {
    HttpRequest request = builder.header("Authorization", "Bearer " + key).timeout(timeout).build();
    for (int attempt = 1; ; attempt++) {
      requests.incrementAndGet();
      Duration wait;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Answer answer = Answer.of(response.statusCode(), response.body());
        if (!retryable(answer) || attempt >= maxAttempts) {
          return answer;
        }
        wait = backoff(attempt, response.headers().firstValue("Retry-After"));
      } catch (IOException e) {
        if (attempt >= maxAttempts) {
          throw new ApiUnreachableException(request.uri() + ": " + e, e);
        }
        wait = backoff(attempt, java.util.Optional.empty());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiUnreachableException("interrupted", e);
      }
      retries.incrementAndGet();
      sleep(wait);
    }
  }

  static boolean retryable(Answer answer) {
    return answer.status() == 503 || answer.status() == 502 || answer.status() == 504
        || (answer.status() == 429 && !"limit_exceeded".equals(answer.errorCode()));
  }

  static Duration backoff(int attempt, java.util.Optional<String> retryAfter) {
    long capped = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 16));
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    long asked = retryAfter.flatMap(PublicApi::seconds).map(s -> s * 1000).orElse(0L);
    return Duration.ofMillis(Math.max(jittered, Math.min(asked, MAX_BACKOFF.toMillis())));
  }

  private static java.util.Optional<Long> seconds(String header) {
    try {
      return java.util.Optional.of(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnreachableException("interrupted", e);
    }
  }

  /** Requests retried so far (each backoff). */
  public long retries() {
    return retries.get();
  }

  public long requests() {
    return requests.get();
  }
}
