package com.agenthub.functions.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.organizations.Plan;
import com.agenthub.shared.organizations.PlanLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The plan's agent limit: the (N+1)th agent is a 429 that writes nothing, also when 20 race for the last one. */
class PlanLimitsHttpTest {

  private static final int N = (int) Plan.TRIAL.limit(PlanLimit.AGENTS);

  @Test
  void theAgentBeyondThePlansLimitIs429AndNothingIsWritten() {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("At the limit");
    ApiClient org = tenant.client();
    createAgents(org, N);
    ApiResponse refused = org.post("CreateAgent", "{\"name\": \"one too many\"}");
    assertEquals(429, refused.status(), refused.toString());
    assertEquals("limit_exceeded", refused.errorCode());
    assertEquals("agents_per_organization", refused.errorField());
    assertTrue(refused.body().contains("agents_per_organization") && refused.body().contains("trial"), refused.body());
    assertEquals(N, agentCount(org), "nothing was written");

    String first = org.get("ListAgents?page_size=1").json().getAsJsonArray("agents").get(0).getAsJsonObject().get("id").getAsString();
    assertEquals(204, org.delete("DeleteAgent?agent_id=" + first, Map.of()).status());
    assertEquals(201, org.post("CreateAgent", "{\"name\": \"in the freed place\"}").status(), "a delete gives the unit back");
    assertEquals(429, org.post("CreateAgent", "{\"name\": \"again too many\"}").status());

    ApiResponse upgraded = LocalStackFixture.admin().patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"starter\"}", Map.of());
    assertEquals(200, upgraded.status(), upgraded.toString());
    assertEquals(201, org.post("CreateAgent", "{\"name\": \"on the larger plan\"}").status());
  }

  @Test
  void twentyConcurrentCreatesForTheLastPlaceCreateExactlyOne() throws Exception {
    ApiClient org = LocalStackFixture.newOrganization("Race for the last agent");
    createAgents(org, N - 1);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ApiResponse>> creates = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        creates.add(pool.submit(() -> {
          start.await();
          return org.post("CreateAgent", "{\"name\": \"racer " + n + "\"}");
        }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<ApiResponse> create : creates) {
        statuses.add(create.get().status());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      assertEquals(19, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
      assertEquals(N, agentCount(org));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void createAgents(ApiClient org, int count) {
    for (int i = 0; i < count; i++) {
      ApiResponse created = org.post("CreateAgent", "{\"name\": \"agent " + i + "\"}");
      assertEquals(201, created.status(), created.toString());
    }
  }

  private static int agentCount(ApiClient org) {
    return org.get("ListAgents?page_size=100").json().getAsJsonArray("agents").size();
  }
}
