package com.agenthub.functions.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.HttpEndpoint;
import com.google.gson.JsonArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP function of the catalog x its scope: a key with every other scope gets 403 naming
 * the missing one; a key with only that scope is let through (whatever the function then says).
 */
class ScopeMatrixHttpTest {

  /** The functions that take no organization key at all: the platform admin's, and the signed webhook. */
  private static final Set<String> WITHOUT_SCOPE = Set.of("CreateOrganization", "HandlePaymentWebhook");

  @Test
  void everyHttpFunctionRefusesAKeyWithoutItsScopeAndAcceptsOneWithOnlyIt() throws Exception {
    ApiClient org = LocalStackFixture.newOrganization("Scope matrix");
    Map<Scope, ApiClient> lacking = new EnumMap<>(Scope.class);
    Map<Scope, ApiClient> only = new EnumMap<>(Scope.class);
    for (Scope scope : Scope.values()) {
      lacking.put(scope, key(org, Arrays.stream(Scope.values()).filter(s -> s != scope).toList()));
      only.put(scope, key(org, List.of(scope)));
    }
    List<String> checked = new ArrayList<>();
    for (FunctionCatalog.Entry entry : FunctionCatalog.load().functions()) {
      if (!entry.isHttp()) {
        continue;
      }
      HttpEndpoint endpoint = ((EndpointFunction) Class.forName(entry.entryPoint()).getConstructor().newInstance()).endpoint();
      assertEquals(entry.name(), endpoint.function(), "the endpoint is named as its catalog entry");
      if (WITHOUT_SCOPE.contains(entry.name())) {
        assertTrue(endpoint.scope().isEmpty(), entry.name() + " takes no organization key");
        continue;
      }
      Scope scope = endpoint.scope().orElseThrow(() -> new AssertionError(entry.name() + " declares no scope"));
      String body = endpoint.method().equals("GET") || endpoint.method().equals("DELETE") ? null : "{}";
      Map<String, String> headers = body == null ? Map.of() : Map.of("Content-Type", "application/json");

      ApiResponse refused = lacking.get(scope).send(endpoint.method(), entry.name(), body, headers);
      assertEquals(403, refused.status(), entry.name() + " without " + scope.wire() + ": " + refused);
      assertEquals("forbidden", refused.errorCode());
      assertTrue(refused.json().getAsJsonObject("error").get("message").getAsString().contains("'" + scope.wire() + "'"),
          "the 403 names the missing scope: " + refused);

      ApiResponse allowed = only.get(scope).send(endpoint.method(), entry.name(), body, headers);
      assertNotEquals(403, allowed.status(), entry.name() + " with only " + scope.wire() + ": " + allowed);
      assertNotEquals(401, allowed.status(), entry.name() + " with only " + scope.wire() + ": " + allowed);
      checked.add(entry.name());
    }
    assertTrue(checked.size() >= 35, "every scoped HTTP function was checked: " + checked);
  }

  @Test
  void anOrganizationsFirstKeyHasEveryScope() {
    ApiClient org = LocalStackFixture.newOrganization("Legacy key");
    JsonArray scopes = org.get("ListApiKeys").json().getAsJsonArray("api_keys").get(0).getAsJsonObject().getAsJsonArray("scopes");
    assertEquals(Scope.values().length, scopes.size(), "an organization's first key has every scope");
    assertEquals(200, org.get("ListAgents").status());
  }

  @Test
  void aPublishableAnalyticsKeyCanTrackButNothingElse() {
    ApiClient org = LocalStackFixture.newOrganization("Publishable");
    ApiClient browser = key(org, List.of(Scope.ANALYTICS_WRITE));
    ApiResponse tracked = browser.post("TrackEvents",
        "{\"event_type\": \"page_view\", \"event_data\": {\"path\": \"/pricing\"}}");
    assertEquals(202, tracked.status(), tracked.toString());
    assertEquals(1, tracked.json().getAsJsonArray("accepted").size(), "the event was accepted: " + tracked);
    for (ApiResponse refused : List.of(browser.get("ListAgents"), browser.post("CreateAgent", "{\"name\": \"x\"}"),
        browser.get("GetMetrics"), browser.post("CreateApiKey", "{\"name\": \"more\"}"),
        browser.get("ListPaymentIntents"))) {
      assertEquals(403, refused.status(), refused.toString());
    }
  }

  @Test
  void aKeyCannotGrantScopesItDoesNotCarryAndUnknownScopesAre400() {
    ApiClient org = LocalStackFixture.newOrganization("No escalation");
    ApiClient admin = key(org, List.of(Scope.ADMIN, Scope.AGENTS_READ));
    ApiResponse escalation = admin.post("CreateApiKey", "{\"name\": \"wider\", \"scopes\": [\"payments:write\"]}");
    assertEquals(403, escalation.status(), escalation.toString());
    assertTrue(escalation.body().contains("payments:write"));
    ApiResponse narrower = admin.post("CreateApiKey", "{\"name\": \"narrower\", \"scopes\": [\"agents:read\"]}");
    assertEquals(201, narrower.status(), narrower.toString());
    ApiResponse defaulted = admin.post("CreateApiKey", "{\"name\": \"same\"}");
    assertEquals(2, defaulted.json().getAsJsonArray("scopes").size(), "scopes default to the calling key's: " + defaulted);
    assertEquals(400, org.post("CreateApiKey", "{\"name\": \"x\", \"scopes\": [\"agents:delete\"]}").status());
    assertEquals(400, org.post("CreateApiKey", "{\"name\": \"x\", \"scopes\": []}").status());
    assertFalse(org.get("ListApiKeys").body().contains("\"wider\""), "the refused key was not written");
  }

  static ApiClient key(ApiClient org, List<Scope> scopes) {
    JsonArray wires = new JsonArray();
    scopes.forEach(s -> wires.add(s.wire()));
    ApiResponse issued = org.post("CreateApiKey", "{\"name\": \"scoped\", \"scopes\": " + wires + "}");
    assertEquals(201, issued.status(), issued.toString());
    return org.as(issued.json().get("key").getAsString());
  }
}
