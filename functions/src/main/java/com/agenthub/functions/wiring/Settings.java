package com.agenthub.functions.wiring;

import java.util.Optional;

/**
 * Configuration, from environment variables (what Cloud Functions sets). A JVM system property
 * of the same name wins, so the local dev server can configure functions it hosts in-process.
 */
public final class Settings {

  public static final String PROJECT = "GOOGLE_CLOUD_PROJECT";
  public static final String FIRESTORE_EMULATOR_HOST = "FIRESTORE_EMULATOR_HOST";
  public static final String PUBSUB_EMULATOR_HOST = "PUBSUB_EMULATOR_HOST";
  public static final String PLATFORM_ADMIN_TOKEN = "PLATFORM_ADMIN_TOKEN";

  private Settings() {}

  public static Optional<String> get(String name) {
    return Optional.ofNullable(System.getProperty(name))
        .or(() -> Optional.ofNullable(System.getenv(name)))
        .filter(v -> !v.isBlank());
  }

  public static String projectId() {
    return get(PROJECT).orElse("agenthub-local");
  }
}
