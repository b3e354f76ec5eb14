package com.agenthub.functions.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.testing.Emulators;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The dev server in its own JVM, configured by environment like a deployed function, beside the
 * in-process local stack (which does the Pub/Sub delivery: this one runs with --no-delivery).
 * Tests kill it with SIGKILL.
 */
public final class DevServerProcess {

  private DevServerProcess() {}

  /** Starts it on {@code port} and waits until it answers; {@code overrides} replace settings. */
  public static Process start(int port, Map<String, String> overrides) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LocalDevServer.class.getName(), Integer.toString(port), "--no-delivery")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.put(Settings.PROJECT, Emulators.PROJECT_ID);
    env.put(Settings.FIRESTORE_EMULATOR_HOST, Emulators.firestoreHost());
    env.put(Settings.PUBSUB_EMULATOR_HOST, Emulators.pubsubHost());
    env.put(Settings.BIGQUERY_EMULATOR_HOST, Emulators.bigQueryHost());
    env.put(Settings.PLATFORM_ADMIN_TOKEN, LocalStackFixture.ADMIN_TOKEN);
    env.putAll(overrides);
    Process process = builder.start();
    ApiClient probe = new ApiClient("http://127.0.0.1:" + port, null);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      assertTrue(process.isAlive(), "the dev server process exited early");
      try {
        if (probe.get("").status() == 200) {
          return process;
        }
      } catch (RuntimeException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the dev server did not start within 60 s");
  }
}
