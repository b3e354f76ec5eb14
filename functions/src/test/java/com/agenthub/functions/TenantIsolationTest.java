package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With organization A's key, organization B's resources do not exist. */
class TenantIsolationTest {

  private final ApiClient orgA = LocalStackFixture.newOrganization("Tenant A");
  private final ApiClient orgB = LocalStackFixture.newOrganization("Tenant B");

  @Test
  void everyAgentFunctionAnswersAnotherTenantsAgentExactlyLikeAMissingOne() {
    JsonObject agentOfB = orgB.post("CreateAgent", "{\"name\": \"B's agent\"}").json();
    String id = agentOfB.get("id").getAsString();
    String etag = agentOfB.get("etag").getAsString();
    String missing = "ZZZZZZZZZZZZZZZZZZZZ";

    for (String target : new String[] {id, missing}) {
      assertNotFound(orgA.get("GetAgent?agent_id=" + target));
      assertNotFound(orgA.patch("UpdateAgent?agent_id=" + target, "{\"name\": \"taken\"}", Map.of()));
      assertNotFound(orgA.patch("UpdateAgent?agent_id=" + target, "{\"name\": \"taken\"}", Map.of("If-Match", etag)));
      assertNotFound(orgA.delete("DeleteAgent?agent_id=" + target, Map.of()));
      assertNotFound(orgA.post("IncrementAgentCounter", "{\"agent_id\": \"" + target + "\", \"counter\": \"messages\"}"));
      assertNotFound(orgA.get("GetAgentCounters?agent_id=" + target));
    }
    ApiResponse untouched = orgB.get("GetAgent?agent_id=" + id);
    assertEquals(agentOfB, untouched.json(), "B's agent is unchanged by A's attempts");
    assertEquals(new JsonObject(), orgB.get("GetAgentCounters?agent_id=" + id).json().getAsJsonObject("counters"));
  }

  @Test
  void listsShowOnlyTheCallersAgentsAndKeys() {
    orgB.post("CreateAgent", "{\"name\": \"B1\", \"industry\": \"shared-industry\"}");
    String a1 = orgA.post("CreateAgent", "{\"name\": \"A1\", \"industry\": \"shared-industry\"}").json().get("id").getAsString();

    var agents = orgA.get("ListAgents?industry=shared-industry").json().getAsJsonArray("agents");
    assertEquals(1, agents.size());
    assertEquals(a1, agents.get(0).getAsJsonObject().get("id").getAsString());

    String keyOfB = orgB.get("ListApiKeys").json().getAsJsonArray("api_keys").get(0).getAsJsonObject().get("id").getAsString();
    String keysOfA = orgA.get("ListApiKeys").body();
    assertFalse(keysOfA.contains(keyOfB));
    assertNotFound(orgA.post("RevokeApiKey", "{\"key_id\": \"" + keyOfB + "\"}"));
    assertEquals(200, orgB.get("ListAgents").status(), "B's key still works");
  }

  @Test
  void everyConversationFunctionAnswersAnotherTenantsConversationOrAgentExactlyLikeAMissingOne() {
    String agentOfB = orgB.post("CreateAgent", "{\"name\": \"B's agent\"}").json().get("id").getAsString();
    JsonObject conversationOfB = orgB.post("CreateConversation", "{\"id\": \"shared-name\", \"agent_id\": \"" + agentOfB + "\"}")
        .json();
    orgB.post("AppendMessages", "{\"conversation_id\": \"shared-name\", \"role\": \"user\", \"content\": \"B's secret\"}");
    String etag = orgB.get("GetConversation?conversation_id=shared-name").json().get("etag").getAsString();

    for (String target : new String[] {"shared-name", "missing-conversation"}) {
      assertNotFound(orgA.get("GetConversation?conversation_id=" + target));
      assertNotFound(orgA.get("ListMessages?conversation_id=" + target));
      assertNotFound(orgA.post("AppendMessages", "{\"conversation_id\": \"" + target + "\", \"role\": \"user\", \"content\": \"x\"}"));
      assertNotFound(orgA.post("CloseConversation", "{\"conversation_id\": \"" + target + "\"}"));
      assertNotFound(orgA.delete("DeleteConversation?conversation_id=" + target, Map.of("If-Match", etag)));
    }
    assertNotFound(orgA.post("CreateConversation", "{\"agent_id\": \"" + agentOfB + "\"}"));
    assertNotFound(orgA.get("ListConversations?agent_id=" + agentOfB));
    assertEquals(0, orgA.get("ListConversations").json().getAsJsonArray("conversations").size());

    JsonObject untouched = orgB.get("GetConversation?conversation_id=shared-name").json();
    assertEquals("open", untouched.get("status").getAsString());
    assertEquals(1, untouched.get("last_sequence").getAsLong(), "B's conversation is unchanged by A's attempts");
    assertEquals(conversationOfB.get("id"), untouched.get("id"));
    orgB.patch("UpdateConversationSettings", "{\"message_retention_days\": 7}", Map.of());
    assertTrue(orgA.get("GetConversationSettings").json().get("message_retention_days").isJsonNull(), "settings are per organization");
    // The same client-chosen id in A is A's own conversation, not B's.
    String agentOfA = orgA.post("CreateAgent", "{\"name\": \"A's agent\"}").json().get("id").getAsString();
    assertEquals(201, orgA.post("CreateConversation", "{\"id\": \"shared-name\", \"agent_id\": \"" + agentOfA + "\"}").status());
    assertEquals(0, orgA.get("ListMessages?conversation_id=shared-name").json().getAsJsonArray("messages").size());
  }

  @Test
  void everyUserAndOrganizationFunctionAnswersAnotherTenantsUserExactlyLikeAMissingOne() {
    JsonObject userOfB = orgB.post("CreateUser", "{\"email\": \"b@example.com\", \"display_name\": \"B\", \"role\": \"owner\"}").json();
    String id = userOfB.get("id").getAsString();
    String etag = userOfB.get("etag").getAsString();
    for (String target : new String[] {id, "ZZZZZZZZZZZZZZZZZZZZ"}) {
      assertNotFound(orgA.get("GetUser?user_id=" + target));
      assertNotFound(orgA.patch("UpdateUser?user_id=" + target, "{\"role\": \"viewer\"}", Map.of()));
      assertNotFound(orgA.patch("UpdateUser?user_id=" + target, "{\"role\": \"viewer\"}", Map.of("If-Match", etag)));
      assertNotFound(orgA.delete("DeleteUser?user_id=" + target, Map.of()));
      assertNotFound(orgA.post("CreateApiKey", "{\"name\": \"k\", \"user_id\": \"" + target + "\"}"));
    }
    assertEquals(0, orgA.get("ListUsers").json().getAsJsonArray("users").size());
    assertEquals(201, orgA.post("CreateUser", "{\"email\": \"b@example.com\", \"display_name\": \"A's own\", \"role\": \"member\"}").status(),
        "the same email in A is A's own user");
    assertEquals(userOfB, orgB.get("GetUser?user_id=" + id).json(), "B's user is unchanged by A's attempts");

    String nameOfA = orgA.get("GetOrganization").json().get("name").getAsString();
    assertEquals("Tenant B", orgB.get("GetOrganization").json().get("name").getAsString());
    assertEquals(400, orgA.patch("UpdateOrganization?organization_id=" + orgB.get("GetOrganization").json().get("id").getAsString(),
        "{\"name\": \"taken\"}", Map.of()).status(), "an organization key cannot name another organization");
    assertEquals(200, orgA.patch("UpdateOrganization", "{\"name\": \"A renamed\"}", Map.of()).status());
    assertEquals("Tenant B", orgB.get("GetOrganization").json().get("name").getAsString());
    assertEquals("Tenant A", nameOfA);
  }

  private static void assertNotFound(ApiResponse response) {
    assertEquals(404, response.status(), response.toString());
    assertEquals("not_found", response.errorCode());
  }
}
