package com.agenthub.functions.testing;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.testing.Emulators;
import java.util.Optional;

/**
 * The local stack for HTTP-level tests, once per test JVM: the emulators (started by
 * {@link Emulators}) and the dev server serving every catalog function in-process, delivering
 * Pub/Sub messages to the topic-triggered ones, exactly as {@code tools/local-stack} does.
 */
public final class LocalStackFixture {

  public static final String ADMIN_TOKEN = "test-platform-admin-token";
  /** Short, so a test can watch a cached answer expire. */
  public static final java.time.Duration METRICS_CACHE_TTL = java.time.Duration.ofSeconds(3);

  /** The webhook signing secrets of the tests' simulated processor: the current one, and one being rotated out. */
  public static final String WEBHOOK_SECRET = "whsec_test_current";
  public static final String OLD_WEBHOOK_SECRET = "whsec_test_previous";

  private static boolean configured;
  private static LocalDevServer server;

  private LocalStackFixture() {}

  /**
   * Points the functions of this JVM (their production wiring reads these settings on first use)
   * at the emulators, without starting a dev server: for tests that serve functions their own way.
   */
  public static synchronized void configure() {
    if (configured) {
      return;
    }
    configured = true;
    System.setProperty(Settings.PROJECT, Emulators.PROJECT_ID);
    System.setProperty(Settings.FIRESTORE_EMULATOR_HOST, Emulators.firestoreHost());
    System.setProperty(Settings.PUBSUB_EMULATOR_HOST, Emulators.pubsubHost());
    System.setProperty(Settings.BIGQUERY_EMULATOR_HOST, Emulators.bigQueryHost());
    System.setProperty(Settings.METRICS_CACHE_TTL_SECONDS, Long.toString(METRICS_CACHE_TTL.toSeconds()));
    System.setProperty(Settings.OUTBOX_SWEEP_GRACE_SECONDS, "2");
    System.setProperty(Settings.PLATFORM_ADMIN_TOKEN, ADMIN_TOKEN);
    System.setProperty(Settings.PAYMENTS_PROCESSOR, "simulated");
    // Two secrets, as during a rotation: the simulator signs with the first, the verifier accepts both.
    System.setProperty(Settings.STRIPE_WEBHOOK_SECRETS, WEBHOOK_SECRET + "," + OLD_WEBHOOK_SECRET);
  }

  public static synchronized String baseUrl() {
    if (server == null) {
      configure();
      try {
        server = LocalDevServer.start(FunctionCatalog.load(), 0, Optional.of(Emulators.pubsub()));
      } catch (Exception e) {
        throw new IllegalStateException("the local dev server did not start", e);
      }
    }
    return server.baseUrl();
  }

  public static ApiClient admin() {
    return new ApiClient(baseUrl(), ADMIN_TOKEN);
  }

  /** A new organization, and a client authenticated with its first API key. */
  public static ApiClient newOrganization(String name) {
    return newTenant(name).client();
  }

  /** An organization's id and a client holding its first API key. */
  public record Tenant(String organizationId, ApiClient client) {}

  public static Tenant newTenant(String name) {
    ApiResponse created = admin().post("CreateOrganization", "{\"name\": \"" + name + "\"}");
    if (created.status() != 201) {
      throw new IllegalStateException("CreateOrganization answered " + created.status() + ": " + created.body());
    }
    return new Tenant(created.json().getAsJsonObject("organization").get("id").getAsString(),
        new ApiClient(baseUrl(), created.json().getAsJsonObject("api_key").get("key").getAsString()));
  }
}
