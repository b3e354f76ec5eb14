package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.local.LocalPorts;
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
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Durability");
    String key = tenant.client().bearer();
    // Writers create agents until the kill, more than the trial plan allows.
    assertEquals(200, LocalStackFixture.admin().patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"enterprise\"}", java.util.Map.of()).status());
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

  private static Process startServer(int port) throws Exception {
    return DevServerProcess.start(port, java.util.Map.of());
  }
}
