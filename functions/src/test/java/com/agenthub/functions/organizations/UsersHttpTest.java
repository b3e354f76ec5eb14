package com.agenthub.functions.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Users of an organization: roles and their key ceilings, revocation on delete, the last owner, unique emails. */
class UsersHttpTest {

  private final ApiClient org = LocalStackFixture.newOrganization("Users");

  @Test
  void aUserIsCreatedReadListedAndUpdatedWithIfMatch() {
    JsonObject ann = createUser("Ann@Example.com", "member");
    assertEquals("ann@example.com", ann.get("email").getAsString(), "emails are normalized");
    String id = ann.get("id").getAsString();
    assertEquals(ann, org.get("GetUser?user_id=" + id).json());
    assertEquals(1, org.get("ListUsers").json().getAsJsonArray("users").size());

    ApiResponse renamed = org.patch("UpdateUser?user_id=" + id, "{\"display_name\": \"Ann B.\", \"external_subject\": \"firebase-uid-1\"}",
        Map.of("If-Match", ann.get("etag").getAsString()));
    assertEquals(200, renamed.status(), renamed.toString());
    assertEquals("firebase-uid-1", renamed.json().get("external_subject").getAsString());
    ApiResponse stale = org.patch("UpdateUser?user_id=" + id, "{\"display_name\": \"x\"}", Map.of("If-Match", ann.get("etag").getAsString()));
    assertEquals(412, stale.status(), stale.toString());
    assertEquals(422, org.patch("UpdateUser?user_id=" + id, "{}", Map.of()).status(), "nothing to change");

    assertEquals(400, org.post("CreateUser", "{\"email\": \"not-an-email\", \"display_name\": \"x\", \"role\": \"member\"}").status());
    assertEquals(400, org.post("CreateUser", "{\"email\": \"b@example.com\", \"display_name\": \"x\", \"role\": \"superuser\"}").status());
    assertEquals(400, org.post("CreateUser", "{\"email\": \"b@example.com\", \"display_name\": \" \", \"role\": \"member\"}").status());
  }

  @Test
  void aViewerCannotBeGivenAnAdminKeyAndAViewersKeyCannotMintKeys() {
    String viewer = createUser("viewer@example.com", "viewer").get("id").getAsString();
    ApiResponse refused = org.post("CreateApiKey", "{\"name\": \"too much\", \"user_id\": \"" + viewer + "\", \"scopes\": [\"admin\"]}");
    assertEquals(403, refused.status(), refused.toString());
    assertEquals("forbidden", refused.errorCode());
    assertTrue(refused.body().contains("viewer") && refused.body().contains("admin"), refused.body());
    ApiResponse writeKey = org.post("CreateApiKey", "{\"name\": \"w\", \"user_id\": \"" + viewer + "\", \"scopes\": [\"agents:write\"]}");
    assertEquals(403, writeKey.status(), "a viewer cannot write either: " + writeKey);
    assertEquals(1, org.get("ListApiKeys").json().getAsJsonArray("api_keys").size(), "nothing was issued");

    ApiClient viewerKey = userKey(viewer, "[\"agents:read\", \"organization:read\"]");
    assertEquals(200, viewerKey.get("ListAgents").status());
    ApiResponse mint = viewerKey.post("CreateApiKey", "{\"name\": \"escalate\", \"scopes\": [\"admin\"]}");
    assertEquals(403, mint.status(), mint.toString());
  }

  @Test
  void anAdminsKeyDefaultsToItsUserAndItsScopesNarrowWhenTheUserIsDemoted() {
    JsonObject admin = createUser("admin@example.com", "admin");
    String adminId = admin.get("id").getAsString();
    ApiClient adminKey = userKey(adminId, "[\"admin\", \"agents:write\", \"agents:read\"]");
    ApiResponse own = adminKey.post("CreateApiKey", "{\"name\": \"mine\", \"scopes\": [\"agents:write\"]}");
    assertEquals(adminId, own.json().get("user_id").getAsString(), "a user's key issues keys of that user by default");
    ApiClient ownKey = org.as(own.json().get("key").getAsString());
    assertEquals(201, ownKey.post("CreateAgent", "{\"name\": \"before\"}").status());

    ApiResponse demoted = org.patch("UpdateUser?user_id=" + adminId, "{\"role\": \"viewer\"}", Map.of());
    assertEquals(200, demoted.status(), demoted.toString());
    ApiResponse now = ownKey.post("CreateAgent", "{\"name\": \"after\"}");
    assertEquals(403, now.status(), "a viewer's key no longer writes: " + now);
    assertEquals(403, adminKey.get("ListUsers").status(), "the demoted admin's key lost organization management");
    assertEquals(200, adminKey.get("ListAgents").status(), "reading stays within the viewer ceiling");

    ApiResponse promoted = org.patch("UpdateUser?user_id=" + adminId, "{\"role\": \"member\"}", Map.of());
    assertEquals(200, promoted.status());
    assertEquals(201, ownKey.post("CreateAgent", "{\"name\": \"again\"}").status(), "within a member's ceiling again");
  }

  @Test
  void deletingAUserRevokesTheirKeysAtOnceAndFreesTheEmail() {
    String id = createUser("leaver@example.com", "member").get("id").getAsString();
    ApiClient first = userKey(id, "[\"agents:read\"]");
    ApiClient second = userKey(id, "[\"agents:read\", \"agents:write\"]");
    assertEquals(200, first.get("ListAgents").status());
    assertEquals(200, second.get("ListAgents").status());

    assertEquals(204, org.delete("DeleteUser?user_id=" + id, Map.of()).status());
    for (ApiClient revoked : List.of(first, second)) {
      ApiResponse refused = revoked.get("ListAgents");
      assertEquals(401, refused.status(), refused.toString());
      assertTrue(refused.body().contains("revoked"));
    }
    int revokedKeys = 0;
    for (JsonElement key : org.get("ListApiKeys").json().getAsJsonArray("api_keys")) {
      if (id.equals(jsonString(key.getAsJsonObject(), "user_id"))) {
        assertFalse(key.getAsJsonObject().get("revoked_at").isJsonNull());
        revokedKeys++;
      }
    }
    assertEquals(2, revokedKeys);
    assertEquals(404, org.get("GetUser?user_id=" + id).status());
    assertEquals(404, org.delete("DeleteUser?user_id=" + id, Map.of()).status());
    assertEquals(201, org.post("CreateUser", userBody("leaver@example.com", "member")).status(), "the email can be used again");
    assertEquals(200, org.get("ListAgents").status(), "the organization key is untouched");
  }

  @Test
  void theLastOwnerCannotBeDemotedOrRemoved() {
    String first = createUser("first-owner@example.com", "owner").get("id").getAsString();
    ApiResponse demote = org.patch("UpdateUser?user_id=" + first, "{\"role\": \"admin\"}", Map.of());
    assertEquals(409, demote.status(), demote.toString());
    assertTrue(demote.body().contains("last owner"));
    assertEquals(409, org.delete("DeleteUser?user_id=" + first, Map.of()).status());

    String second = createUser("second-owner@example.com", "owner").get("id").getAsString();
    assertEquals(200, org.patch("UpdateUser?user_id=" + first, "{\"role\": \"admin\"}", Map.of()).status());
    assertEquals(409, org.patch("UpdateUser?user_id=" + second, "{\"role\": \"member\"}", Map.of()).status());
    assertEquals(409, org.delete("DeleteUser?user_id=" + second, Map.of()).status());
    assertEquals("owner", org.get("GetUser?user_id=" + second).json().get("role").getAsString());
  }

  @Test
  void twoConcurrentDemotionsOfTheLastTwoOwnersLeaveOneOwner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        ApiClient tenant = LocalStackFixture.newOrganization("Owners race " + round);
        String a = createUser(tenant, "a@example.com", "owner").get("id").getAsString();
        String b = createUser(tenant, "b@example.com", "owner").get("id").getAsString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> demotions = new ArrayList<>();
        for (String id : List.of(a, b)) {
          demotions.add(pool.submit(() -> {
            start.await();
            return tenant.patch("UpdateUser?user_id=" + id, "{\"role\": \"member\"}", Map.of());
          }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<ApiResponse> demotion : demotions) {
          statuses.add(demotion.get().status());
        }
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one demotion wins: " + statuses);
        assertEquals(1, statuses.stream().filter(s -> s == 409).count(), "the other meets the last owner: " + statuses);
        long owners = 0;
        for (JsonElement user : tenant.get("ListUsers").json().getAsJsonArray("users")) {
          owners += user.getAsJsonObject().get("role").getAsString().equals("owner") ? 1 : 0;
        }
        assertEquals(1, owners);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void onlyOwnersManageOwners() {
    String adminId = createUser("manager@example.com", "admin").get("id").getAsString();
    String owner = createUser("boss@example.com", "owner").get("id").getAsString();
    createUser("boss2@example.com", "owner");
    ApiClient adminKey = userKey(adminId, "[\"admin\", \"organization:read\"]");
    assertEquals(403, adminKey.post("CreateUser", userBody("new-owner@example.com", "owner")).status());
    assertEquals(403, adminKey.patch("UpdateUser?user_id=" + owner, "{\"role\": \"viewer\"}", Map.of()).status());
    assertEquals(403, adminKey.delete("DeleteUser?user_id=" + owner, Map.of()).status());
    assertEquals(201, adminKey.post("CreateUser", userBody("helper@example.com", "member")).status(), "admins manage the rest");
    ApiResponse ownersKey = adminKey.post("CreateApiKey", "{\"name\": \"as the owner\", \"user_id\": \"" + owner + "\", \"scopes\": [\"admin\"]}");
    assertEquals(403, ownersKey.status(), "an admin cannot mint a key of an owner and act as one: " + ownersKey);
    assertEquals("user_id", ownersKey.errorField());
    String bossKey = org.post("CreateApiKey", "{\"name\": \"boss\", \"user_id\": \"" + owner + "\", \"scopes\": [\"admin\"]}")
        .json().get("id").getAsString();
    assertEquals(403, adminKey.post("RevokeApiKey", "{\"key_id\": \"" + bossKey + "\"}").status(), "nor revoke an owner's key");
  }

  @Test
  void anEmailIsUniqueInAnOrganizationEvenUnderConcurrentCreates() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ApiResponse>> creates = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String email = i % 2 == 0 ? "same@example.com" : "SAME@Example.com";
        creates.add(pool.submit(() -> {
          start.await();
          return org.post("CreateUser", userBody(email, "member"));
        }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<ApiResponse> create : creates) {
        statuses.add(create.get().status());
      }
      assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
      assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
      assertEquals(1, org.get("ListUsers").json().getAsJsonArray("users").size());
      assertEquals(201, LocalStackFixture.newOrganization("Other").post("CreateUser", userBody("same@example.com", "member")).status(),
          "another organization may have the same email");
    } finally {
      pool.shutdownNow();
    }
  }

  private JsonObject createUser(String email, String role) {
    return createUser(org, email, role);
  }

  private static JsonObject createUser(ApiClient client, String email, String role) {
    ApiResponse created = client.post("CreateUser", userBody(email, role));
    assertEquals(201, created.status(), created.toString());
    return created.json();
  }

  private ApiClient userKey(String userId, String scopes) {
    ApiResponse issued = org.post("CreateApiKey", "{\"name\": \"user key\", \"user_id\": \"" + userId + "\", \"scopes\": " + scopes + "}");
    assertEquals(201, issued.status(), issued.toString());
    return org.as(issued.json().get("key").getAsString());
  }

  static String userBody(String email, String role) {
    return "{\"email\": \"" + email + "\", \"display_name\": \"" + email.split("@")[0] + "\", \"role\": \"" + role + "\"}";
  }

  private static String jsonString(JsonObject json, String field) {
    return json.get(field) == null || json.get(field).isJsonNull() ? null : json.get(field).getAsString();
  }

}
