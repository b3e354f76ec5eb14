package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.local.LocalPorts;
import com.agenthub.shared.testing.Emulators;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the legacy in-memory service could not do: every create that was acknowledged survives a
 * kill -9 of the process serving the functions, and reads back after a restart.
 */
class DurabilityTest {

  @Test
  void acknowledgedCreatesSurviveKillMinusNineAndRestart() throws Exception {
    String key = LocalStackFixture.newOrganization("Durability").bearer();
    int port = LocalPorts.free();
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();

    Process first = startServer(port);
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      ApiClient client = new ApiClient("http://127.0.0.1:" + port, key);
      Instant giveUpAt = Instant.now().plus(Duration.ofSeconds(60));
      for (int w = 0; w < 8; w++) {
        writers.submit(() -> {
          while (Instant.now().isBefore(giveUpAt)) {
            try {
              ApiResponse created = client.post("CreateAgent", "{\"name\": \"survivor\"}");
              if (created.status() == 201) {
                acknowledged.add(created.json().get("id").getAsString());
              }
            } catch (RuntimeException connectionLost) {
              return;
            }
          }
        });
      }
      // Kill mid-stream, once the writers are well under way (a cold JVM may take seconds to warm up).
      while (acknowledged.size() < 40 && Instant.now().isBefore(giveUpAt)) {
        Thread.sleep(20);
      }
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, mid-request
      assertTrue(first.waitFor(10, TimeUnit.SECONDS));
      assertEquals(137, first.exitValue(), "killed by SIGKILL");
    } finally {
      writers.shutdownNow();
      writers.awaitTermination(10, TimeUnit.SECONDS);
      first.destroyForcibly();
    }
    assertTrue(acknowledged.size() >= 40, "enough creates were acknowledged before the kill: " + acknowledged.size());

    Process second = startServer(port);
    try {
      ApiClient client = new ApiClient("http://127.0.0.1:" + port, key);
      List<String> lost = acknowledged.stream().filter(id -> client.get("GetAgent?agent_id=" + id).status() != 200).toList();
      assertEquals(List.of(), lost, "acknowledged agents missing after restart");
    } finally {
      second.destroyForcibly();
      second.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The dev server in its own JVM, configured by environment like a deployed function. */
  private static Process startServer(int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LocalDevServer.class.getName(), Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put(Settings.PROJECT, Emulators.PROJECT_ID);
    builder.environment().put(Settings.FIRESTORE_EMULATOR_HOST, Emulators.firestoreHost());
    builder.environment().put(Settings.PLATFORM_ADMIN_TOKEN, LocalStackFixture.ADMIN_TOKEN);
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
