package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.DevServerProcess;
import com.agenthub.functions.testing.KillMidLoad;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.local.LocalPorts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    ApiClient client = new ApiClient("http://127.0.0.1:" + port, key);
    KillMidLoad.run(first, 8, Duration.ofSeconds(60), () -> acknowledged.size() >= 40, writer -> round -> {
      ApiResponse created = client.post("CreateAgent", "{\"name\": \"survivor\"}");
      if (created.status() == 201) {
        acknowledged.add(created.json().get("id").getAsString());
      }
    });
    assertTrue(acknowledged.size() >= 40, "enough creates were acknowledged before the kill: " + acknowledged.size());

    Process second = startServer(port);
    try {
      ApiClient restarted = new ApiClient("http://127.0.0.1:" + port, key);
      List<String> lost = acknowledged.stream().filter(id -> restarted.get("GetAgent?agent_id=" + id).status() != 200).toList();
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
