package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.google.gson.JsonObject;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Organizations and API keys: issuing, listing, revoking, and every way to fail authentication. */
class ApiKeysHttpTest {

  @Test
  void createOrganizationNeedsThePlatformAdminCredential() {
    ApiClient admin = LocalStackFixture.admin();
    assertEquals(401, admin.as(null).post("CreateOrganization", "{\"name\": \"x\"}").status());
    assertEquals(401, admin.as("not-the-token").post("CreateOrganization", "{\"name\": \"x\"}").status());
    ApiClient org = LocalStackFixture.newOrganization("Has a key");
    assertEquals(401, admin.as(org.bearer()).post("CreateOrganization", "{\"name\": \"x\"}").status(),
        "an organization key is not a platform-admin credential");
    assertEquals(400, admin.post("CreateOrganization", "{\"name\": \"   \"}").status());
  }

  @Test
  void aKeyIsShownOnceHas256RandomBitsAndListsWithoutItsSecret() {
    ApiClient org = LocalStackFixture.newOrganization("Keys");
    ApiResponse issued = org.post("CreateApiKey", "{\"name\": \"ci\"}");
    assertEquals(201, issued.status(), issued.toString());
    String secret = issued.json().get("key").getAsString();
    assertTrue(secret.startsWith("ahk_"));
    assertEquals(32, Base64.getUrlDecoder().decode(secret.substring(4)).length, "256 random bits");

    ApiResponse list = org.get("ListApiKeys");
    assertEquals(2, list.json().getAsJsonArray("api_keys").size());
    assertFalse(list.body().contains(secret.substring(4)), "a listed key never shows its secret");
    assertFalse(list.body().contains("key_hash"));
    assertEquals(200, org.as(secret).get("ListAgents").status(), "the new key works");
  }

  @Test
  void aRevokedKeyStopsWorkingAtOnceAndRevokingIsIdempotent() {
    ApiClient org = LocalStackFixture.newOrganization("Revocation");
    JsonObject issued = org.post("CreateApiKey", "{\"name\": \"temp\"}").json();
    ApiClient temp = org.as(issued.get("key").getAsString());
    assertEquals(200, temp.get("ListAgents").status());

    ApiResponse revoked = org.post("RevokeApiKey", "{\"key_id\": \"" + issued.get("id").getAsString() + "\"}");
    assertEquals(200, revoked.status(), revoked.toString());
    assertFalse(revoked.json().get("revoked_at").isJsonNull());
    ApiResponse refused = temp.get("ListAgents");
    assertEquals(401, refused.status());
    assertEquals("unauthenticated", refused.errorCode());
    ApiResponse again = org.post("RevokeApiKey", "{\"key_id\": \"" + issued.get("id").getAsString() + "\"}");
    assertEquals(revoked.json(), again.json());
    assertEquals(404, org.post("RevokeApiKey", "{\"key_id\": \"AAAAAAAAAAAAAAAAAAAA\"}").status());
  }

  @Test
  void missingMalformedAndUnknownCredentialsAre401WithAJsonError() {
    ApiClient org = LocalStackFixture.newOrganization("Auth");
    for (ApiResponse refused : new ApiResponse[] {
        org.as(null).get("ListAgents"),
        org.as("ahk_short").get("ListAgents"),
        org.as("ahk_" + "A".repeat(43)).get("ListAgents"),
        org.sendBytes("GET", "ListAgents", null, b -> b.setHeader("Authorization", "Basic dXNlcjpwYXNz")),
        org.sendBytes("GET", "ListAgents", null, b -> b.setHeader("Authorization", "Bearer ")),
    }) {
      assertEquals(401, refused.status(), refused.toString());
      assertEquals("unauthenticated", refused.errorCode());
    }
  }

  @Test
  void authenticationComesBeforeReadingTheBody() {
    ApiResponse refused = LocalStackFixture.admin().as(null)
        .send("POST", "CreateAgent", "{not json", Map.of("Content-Type", "application/json"));
    assertEquals(401, refused.status());
  }
}
