package com.agenthub.functions.wiring;

import com.agenthub.shared.auth.VerifiedKeys;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration, from environment variables (what Cloud Functions sets). A JVM system property
 * of the same name wins, so the local dev server can configure functions it hosts in-process.
 */
public final class Settings {

  public static final String PROJECT = "GOOGLE_CLOUD_PROJECT";
  public static final String FIRESTORE_EMULATOR_HOST = "FIRESTORE_EMULATOR_HOST";
  public static final String PUBSUB_EMULATOR_HOST = "PUBSUB_EMULATOR_HOST";
  public static final String PLATFORM_ADMIN_TOKEN = "PLATFORM_ADMIN_TOKEN";
  /** Our own variable: the BigQuery client has no emulator convention. {@code http://127.0.0.1:PORT}. */
  public static final String BIGQUERY_EMULATOR_HOST = "BIGQUERY_EMULATOR_HOST";
  public static final String METRICS_CACHE_TTL_SECONDS = "METRICS_CACHE_TTL_SECONDS";
  /** How long an instance trusts a verified API key without reading it again (0..30; 0 = no cache). */
  public static final String API_KEY_CACHE_SECONDS = "API_KEY_CACHE_SECONDS";
  public static final String OUTBOX_SWEEP_GRACE_SECONDS = "OUTBOX_SWEEP_GRACE_SECONDS";
  /** stripe (the default) or simulated (the local stack and tests). */
  public static final String PAYMENTS_PROCESSOR = "PAYMENTS_PROCESSOR";
  /** "true" keeps each SearchKnowledge query's text in knowledge_searches; by default only its length is kept. */
  public static final String KNOWLEDGE_LOG_QUERY_TEXT = "KNOWLEDGE_LOG_QUERY_TEXT";
  /** minilm (the default: in process, no network) or vertex (Vertex AI, with the VERTEX_EMBEDDING_* settings). */
  public static final String EMBEDDINGS_PROVIDER = "EMBEDDINGS_PROVIDER";
  /** The Vertex AI model: text-embedding-005 (the default) or gemini-embedding-001. */
  public static final String VERTEX_EMBEDDING_MODEL = "VERTEX_EMBEDDING_MODEL";
  /** Its output dimension: at most 768 for text-embedding-005, 2048 (Firestore's vector limit) for gemini-embedding-001. */
  public static final String VERTEX_EMBEDDING_DIMENSIONS = "VERTEX_EMBEDDING_DIMENSIONS";
  /** The Vertex AI region to call (Terraform sets the functions' region). */
  public static final String VERTEX_LOCATION = "VERTEX_LOCATION";
  /** Secret: the Stripe account's secret API key. */
  public static final String STRIPE_API_KEY = "STRIPE_API_KEY";
  /** Secret: the webhook endpoint's signing secret(s), comma-separated while one is being rotated. */
  public static final String STRIPE_WEBHOOK_SECRETS = "STRIPE_WEBHOOK_SECRETS";
  /** Tests only: a stand-in for api.stripe.com. */
  public static final String STRIPE_API_BASE = "STRIPE_API_BASE";
  /** Local only: where the simulated processor delivers its webhooks (the dev server sets it). */
  public static final String PAYMENTS_SIMULATOR_WEBHOOK_URL = "PAYMENTS_SIMULATOR_WEBHOOK_URL";

  /** Set only by the local stack and the tests; in Google Cloud the clients find the services themselves. */
  public static final Set<String> LOCAL_ONLY = Set.of(FIRESTORE_EMULATOR_HOST, PUBSUB_EMULATOR_HOST, BIGQUERY_EMULATOR_HOST,
      STRIPE_API_BASE, PAYMENTS_SIMULATOR_WEBHOOK_URL);

  /** How long GetMetrics serves a cached answer: a dashboard refreshing every few seconds hits the cache. */
  static final Duration DEFAULT_METRICS_CACHE_TTL = Duration.ofSeconds(60);
  /** Longer than a request's own relay can take (its publish times out first), so the sweep never races it. */
  static final Duration DEFAULT_OUTBOX_SWEEP_GRACE = Duration.ofSeconds(30);

  private Settings() {}

  public static Optional<String> get(String name) {
    return Optional.ofNullable(System.getProperty(name))
        .or(() -> Optional.ofNullable(System.getenv(name)))
        .filter(v -> !v.isBlank());
  }

  public static String projectId() {
    return get(PROJECT).orElse("agenthub-local");
  }

  public static Duration metricsCacheTtl() {
    return seconds(METRICS_CACHE_TTL_SECONDS, DEFAULT_METRICS_CACHE_TTL);
  }

  /** At most {@link VerifiedKeys#MAX_STALENESS}: the bound on how long a revoked key may still work elsewhere. */
  public static Duration apiKeyCacheTtl() {
    Duration ttl = seconds(API_KEY_CACHE_SECONDS, VerifiedKeys.MAX_STALENESS);
    if (ttl.isNegative() || ttl.compareTo(VerifiedKeys.MAX_STALENESS) > 0) {
      throw new IllegalStateException(API_KEY_CACHE_SECONDS + " must be 0 to " + VerifiedKeys.MAX_STALENESS.toSeconds()
          + ", got " + ttl.toSeconds());
    }
    return ttl;
  }

  public static Duration outboxSweepGrace() {
    return seconds(OUTBOX_SWEEP_GRACE_SECONDS, DEFAULT_OUTBOX_SWEEP_GRACE);
  }

  private static Duration seconds(String name, Duration fallback) {
    return get(name).map(value -> {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw new IllegalStateException(name + " must be a whole number of seconds, got '" + value + "'");
      }
    }).orElse(fallback);
  }
}
