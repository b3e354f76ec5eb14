package com.agenthub.functions.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.organizations.Plan;
import com.agenthub.shared.organizations.PlanLimit;
import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An organization's name, settings and plan: read by its keys, changed with If-Match, the plan only by the platform. */
class OrganizationsHttpTest {

  @Test
  void aNewOrganizationIsOnTheTrialPlanWithEmptySettings() {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Fresh");
    JsonObject organization = tenant.client().get("GetOrganization").json();
    assertEquals(tenant.organizationId(), organization.get("id").getAsString());
    assertEquals("trial", organization.get("subscription_plan").getAsString());
    assertEquals(Plan.TRIAL.limit(PlanLimit.AGENTS), organization.getAsJsonObject("plan_limits").get("agents_per_organization").getAsLong(), "the trial plan's");
    assertEquals(new JsonObject(), organization.getAsJsonObject("settings"));
  }

  @Test
  void settingsChangeWithIfMatchAndAStaleVersionIs412() {
    ApiClient org = LocalStackFixture.newOrganization("Settings");
    ApiResponse read = org.get("GetOrganization");
    String etag = read.header("ETag").orElseThrow();
    ApiResponse updated = org.patch("UpdateOrganization", "{\"name\": \"Renamed\", \"settings\": {\"timezone\": \"Europe/Paris\", \"theme\": {\"dark\": true}}}",
        Map.of("If-Match", etag));
    assertEquals(200, updated.status(), updated.toString());
    assertEquals("Europe/Paris", updated.json().getAsJsonObject("settings").get("timezone").getAsString());
    assertNotEquals(etag, updated.header("ETag").orElseThrow());
    assertEquals(412, org.patch("UpdateOrganization", "{\"name\": \"Stale\"}", Map.of("If-Match", etag)).status());
    assertEquals("Renamed", org.get("GetOrganization").json().get("name").getAsString());

    String large = "x".repeat(20_000);
    ApiResponse tooLarge = org.patch("UpdateOrganization", "{\"settings\": {\"blob\": \"" + large + "\"}}", Map.of());
    assertEquals(400, tooLarge.status(), tooLarge.toString());
    assertEquals("settings", tooLarge.errorField());
    assertEquals(400, org.patch("UpdateOrganization", "{\"settings\": [1]}", Map.of()).status());
    assertEquals(400, org.patch("UpdateOrganization", "{\"owner\": \"me\"}", Map.of()).status());
  }

  @Test
  void onlyThePlatformAdminChangesThePlan() {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Plans");
    ApiResponse byTenant = tenant.client().patch("UpdateOrganization", "{\"subscription_plan\": \"enterprise\"}", Map.of());
    assertEquals(403, byTenant.status(), byTenant.toString());
    assertEquals("subscription_plan", byTenant.errorField());
    assertEquals("trial", tenant.client().get("GetOrganization").json().get("subscription_plan").getAsString());

    ApiClient admin = LocalStackFixture.admin();
    ApiResponse byPlatform = admin.patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"business\"}", Map.of());
    assertEquals(200, byPlatform.status(), byPlatform.toString());
    assertEquals("business", tenant.client().get("GetOrganization").json().get("subscription_plan").getAsString());
    assertEquals(Plan.BUSINESS.limit(PlanLimit.AGENTS), tenant.client().get("GetOrganization").json().getAsJsonObject("plan_limits").get("agents_per_organization").getAsLong(),
        "the limits follow the plan");
    assertEquals(400, admin.patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"platinum\"}", Map.of()).status());
    assertEquals(400, admin.patch("UpdateOrganization", "{\"subscription_plan\": \"business\"}", Map.of()).status(),
        "the platform admin names the organization");
    assertEquals(401, admin.as("wrong-token").patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"business\"}", Map.of()).status());
    assertEquals(404, admin.patch("UpdateOrganization?organization_id=ZZZZZZZZZZZZZZZZZZZZ",
        "{\"subscription_plan\": \"business\"}", Map.of()).status());
  }
}
