package com.agenthub.functions.bench;

import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.testing.Emulators;
import com.google.pubsub.v1.TopicName;

/**
 * The settings a dev server in this JVM reads (system properties) when a benchmark runs it against
 * the shared test emulators: project, Firestore, Pub/Sub and the bench's admin token; and the
 * topics its functions publish to, which nothing else creates there.
 */
final class SharedEmulatorSettings {

  static final String ADMIN_TOKEN = "bench-platform-admin-token";

  private SharedEmulatorSettings() {}

  /** {@code firestoreHost}: the shared emulator's, or one a benchmark started for itself. */
  static void apply(String firestoreHost) {
    System.setProperty(Settings.PROJECT, Emulators.PROJECT_ID);
    System.setProperty(Settings.FIRESTORE_EMULATOR_HOST, firestoreHost);
    System.setProperty(Settings.PUBSUB_EMULATOR_HOST, Emulators.pubsubHost());
    System.setProperty(Settings.PLATFORM_ADMIN_TOKEN, ADMIN_TOKEN);
  }

  /** Creates each topic the run publishes to; one an earlier run against the same emulator created stays. */
  static void createTopics(String... topics) {
    for (String topic : topics) {
      try {
        Emulators.pubsub().topicAdmin().createTopic(TopicName.of(Emulators.PROJECT_ID, topic));
      } catch (com.google.api.gax.rpc.AlreadyExistsException exists) {
        // created by an earlier run against the same emulator
      }
    }
  }
}
