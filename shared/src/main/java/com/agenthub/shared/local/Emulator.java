package com.agenthub.shared.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The official emulators this project runs locally: where their jars live and how to start one.
 * Paths follow the Cloud SDK layout; an environment variable can point elsewhere.
 */
public enum Emulator {
  FIRESTORE(
      "Firestore emulator",
      "FIRESTORE_EMULATOR_JAR",
      "cloud-firestore-emulator/cloud-firestore-emulator.jar",
      "cloud-firestore-emulator") {
    @Override
    List<String> command(String java, Path jar, int port, String heap) {
      return List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", jar.toString(),
          "com.google.cloud.datastore.emulator.firestore.CloudFirestore", "start",
          "--host=127.0.0.1", "--port=" + port, "--database-mode=firestore-native");
    }
  },
  PUBSUB(
      "Pub/Sub emulator",
      "PUBSUB_EMULATOR_JAR",
      "pubsub-emulator/lib/cloud-pubsub-emulator-0.8.20-all.jar",
      "pubsub-emulator") {
    @Override
    List<String> command(String java, Path jar, int port, String heap) {
      return List.of(java, "-Xmx" + heap, "-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port);
    }
  };

  private static final List<Path> SDK_PLATFORM_DIRS = List.of(
      Path.of("/usr/lib/google-cloud-sdk/platform"),
      Path.of("/usr/share/google-cloud-sdk/platform"),
      Path.of(System.getProperty("user.home"), "google-cloud-sdk/platform"));

  private final String displayName;
  private final String jarVariable;
  private final String relativeJar;
  private final String gcloudComponent;

  Emulator(String displayName, String jarVariable, String relativeJar, String gcloudComponent) {
    this.displayName = displayName;
    this.jarVariable = jarVariable;
    this.relativeJar = relativeJar;
    this.gcloudComponent = gcloudComponent;
  }

  abstract List<String> command(String java, Path jar, int port, String heap);

  public String displayName() {
    return displayName;
  }

  /** The emulator's jar, or a one-line explanation of what is missing and how to get it. */
  public Path locateJar() {
    Optional<Path> configured = Optional.ofNullable(System.getenv(jarVariable)).map(Path::of);
    if (configured.isPresent()) {
      if (Files.isRegularFile(configured.get())) {
        return configured.get();
      }
      throw new EmulatorMissingException(displayName + " not found at " + jarVariable + "="
          + configured.get());
    }
    return SDK_PLATFORM_DIRS.stream()
        .map(dir -> dir.resolve(relativeJar))
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(() -> new EmulatorMissingException(displayName + " is not installed: run `gcloud "
            + "components install " + gcloudComponent + "` (or set " + jarVariable + " to its jar)"));
  }
}
