package com.agenthub.functions.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.LocalStackFixture.Tenant;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every committed change of an agent reaches BigQuery as a change row; the views give its latest state. */
class ChangesPipelineTest {

  @Test
  void anAgentsChangesAreAppendedAndItsLatestStateIsInTheViews() {
    Tenant tenant = LocalStackFixture.newTenant("Changes");
    ApiResponse created = tenant.client().post("CreateAgent", "{\"name\": \"Ada\", \"configuration\": {\"model\": \"m1\"}}");
    String agentId = created.json().get("id").getAsString();
    assertEquals(200, tenant.client().patch("UpdateAgent?agent_id=" + agentId, "{\"status\": \"paused\"}", Map.of()).status());
    assertEquals(200, tenant.client().post("IncrementAgentCounter", "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\", \"delta\": 4}").status());
    assertEquals(200, tenant.client().post("IncrementAgentCounter", "{\"agent_id\": \"" + agentId + "\", \"counter\": \"messages\", \"delta\": 3}").status());
    assertEquals(204, tenant.client().delete("DeleteAgent?agent_id=" + agentId, Map.of()).status());

    assertEquals(3, WarehouseProbe.awaitCount("agents", "agent_id", agentId, 3, Duration.ofSeconds(150)));
    assertEquals(2, WarehouseProbe.awaitCount("agent_counter_changes", "agent_id", agentId, 2, Duration.ofSeconds(150)));
    assertEquals(1, WarehouseProbe.awaitCount("organizations", "organization_id", tenant.organizationId(), 1, Duration.ofSeconds(150)));
    assertEquals(1, WarehouseProbe.awaitCount("api_keys", "organization_id", tenant.organizationId(), 1, Duration.ofSeconds(150)));

    Map<String, QueryParameter> agent = Map.of("agent_id", QueryParameter.string(agentId));
    List<Map<String, Object>> changes = WarehouseProbe.query(
        "SELECT change_type, status FROM {agents} WHERE agent_id = @agent_id ORDER BY changed_at", agent);
    assertEquals(List.of("created", "updated", "deleted"), changes.stream().map(r -> r.get("change_type")).toList());
    Map<String, Object> latest = WarehouseProbe.query(
        "SELECT status, is_deleted FROM {agents_latest} WHERE agent_id = @agent_id", agent).get(0);
    assertEquals("paused", latest.get("status"));
    assertEquals(true, latest.get("is_deleted"));
    assertEquals(7L, WarehouseProbe.query(
        "SELECT total FROM {agent_counter_totals} WHERE agent_id = @agent_id AND counter = 'messages'", agent).get(0).get("total"));
  }

  @Test
  void aBatchOfAHundredAgentsReachesBigQueryWholeInSharedMessages() {
    Tenant tenant = LocalStackFixture.newTenant("Batch changes");
    assertEquals(200, LocalStackFixture.admin().patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"enterprise\"}", Map.of()).status());
    StringBuilder agents = new StringBuilder("{\"agents\": [");
    for (int i = 0; i < 100; i++) {
      agents.append(i == 0 ? "" : ",").append("{\"name\": \"Agent ").append(i).append("\", \"counters\": {\"messages\": ")
          .append(i + 1).append("}}");
    }
    ApiResponse created = tenant.client().post("CreateAgents", agents.append("]}").toString());
    assertEquals(200, created.status(), created.body());

    // One commit's 100 agent changes (and 100 counter changes) travel as one message per table.
    String org = tenant.organizationId();
    assertEquals(100, WarehouseProbe.awaitCount("agents", "organization_id", org, 100, Duration.ofSeconds(150)));
    assertEquals(100, WarehouseProbe.awaitCount("agent_counter_changes", "organization_id", org, 100, Duration.ofSeconds(150)));
    assertEquals(5050L, WarehouseProbe.query("SELECT SUM(total) AS total FROM {agent_counter_totals} WHERE organization_id = @org",
        Map.of("org", QueryParameter.string(org))).get(0).get("total"));
  }

  @Test
  void usersAndOrganizationSettingsAndPlanReachBigQueryThroughTheOutbox() {
    Tenant tenant = LocalStackFixture.newTenant("Users in BigQuery");
    String org = tenant.organizationId();
    assertEquals(200, tenant.client().patch("UpdateOrganization", "{\"settings\": {\"locale\": \"fr\"}}", Map.of()).status());
    assertEquals(200, LocalStackFixture.admin().patch("UpdateOrganization?organization_id=" + org,
        "{\"subscription_plan\": \"starter\"}", Map.of()).status());
    String userId = tenant.client().post("CreateUser", "{\"email\": \"ann@example.com\", \"display_name\": \"Ann\", \"role\": \"member\"}")
        .json().get("id").getAsString();
    String keyId = tenant.client().post("CreateApiKey", "{\"name\": \"ann\", \"user_id\": \"" + userId + "\", \"scopes\": [\"agents:read\"]}")
        .json().get("id").getAsString();
    assertEquals(200, tenant.client().patch("UpdateUser?user_id=" + userId, "{\"role\": \"viewer\"}", Map.of()).status());
    assertEquals(204, tenant.client().delete("DeleteUser?user_id=" + userId, Map.of()).status());

    assertEquals(3, WarehouseProbe.awaitCount("users", "user_id", userId, 3, Duration.ofSeconds(150)));
    assertEquals(3, WarehouseProbe.awaitCount("organizations", "organization_id", org, 3, Duration.ofSeconds(150)));
    assertEquals(2, WarehouseProbe.awaitCount("api_keys", "key_id", keyId, 2, Duration.ofSeconds(150)));

    Map<String, QueryParameter> user = Map.of("user_id", QueryParameter.string(userId));
    assertEquals(List.of("created", "updated", "deleted"), WarehouseProbe.query(
        "SELECT change_type FROM {users} WHERE user_id = @user_id ORDER BY changed_at", user).stream().map(r -> r.get("change_type")).toList());
    Map<String, Object> latestUser = WarehouseProbe.query(
        "SELECT role, email, is_deleted FROM {users_latest} WHERE user_id = @user_id", user).get(0);
    assertEquals("viewer", latestUser.get("role"));
    assertEquals("ann@example.com", latestUser.get("email"));
    assertEquals(true, latestUser.get("is_deleted"));
    Map<String, Object> latestOrg = WarehouseProbe.query(
        "SELECT subscription_plan, JSON_VALUE(settings, '$.locale') AS locale FROM {organizations_latest} WHERE organization_id = @org",
        Map.of("org", QueryParameter.string(org))).get(0);
    assertEquals("starter", latestOrg.get("subscription_plan"));
    assertEquals("fr", latestOrg.get("locale"));
    List<Map<String, Object>> keyChanges = WarehouseProbe.query(
        "SELECT change_type, user_id, scopes FROM {api_keys} WHERE key_id = @key ORDER BY changed_at",
        Map.of("key", QueryParameter.string(keyId)));
    assertEquals("revoked", keyChanges.get(1).get("change_type"), "deleting the user revoked the key, recorded too");
    assertEquals(userId, keyChanges.get(1).get("user_id"));
    assertEquals("agents:read", keyChanges.get(1).get("scopes"));
  }
}
