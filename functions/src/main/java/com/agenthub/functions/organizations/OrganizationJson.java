package com.agenthub.functions.organizations;

import com.agenthub.shared.auth.Role;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.json.StorableJson;
import com.agenthub.shared.organizations.ApiKey;
import com.agenthub.shared.organizations.IssuedApiKey;
import com.agenthub.shared.organizations.NewUser;
import com.agenthub.shared.organizations.Organization;
import com.agenthub.shared.organizations.OrganizationChanges;
import com.agenthub.shared.organizations.Plan;
import com.agenthub.shared.organizations.PlanLimit;
import com.agenthub.shared.organizations.User;
import com.agenthub.shared.organizations.UserChanges;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** How organizations, users and API keys look on the wire. A key's secret appears only in {@link #issued}. */
final class OrganizationJson {

  private OrganizationJson() {}

  /** What the plan allows, by the names a 429 {@code limit_exceeded} reports: a client can check before it asks for more. */
  private static JsonObject planLimits(Plan plan) {
    JsonObject limits = new JsonObject();
    for (PlanLimit limit : PlanLimit.values()) {
      limits.addProperty(limit.wire(), plan.limit(limit));
    }
    return limits;
  }

  static JsonObject of(Organization organization) {
    JsonObject json = new JsonObject();
    json.addProperty("id", organization.id());
    json.addProperty("name", organization.name());
    json.add("settings", Json.toJson(organization.settings()));
    json.addProperty("subscription_plan", organization.plan().wire());
    json.add("plan_limits", planLimits(organization.plan()));
    json.addProperty("created_at", organization.createdAt().toString());
    json.addProperty("updated_at", organization.updatedAt().toString());
    json.addProperty("etag", ETags.of(organization.version()));
    return json;
  }

  static OrganizationChanges organizationChanges(JsonFields body) {
    body.rejectUnknown(Set.of("name", "settings", "subscription_plan"));
    return new OrganizationChanges(
        body.optionalString("name").map(n -> com.agenthub.shared.organizations.Names.require("name", n)),
        body.optionalObject("settings").map(s -> StorableJson.require("settings", s, OrganizationChanges.MAX_SETTINGS_BYTES)),
        body.optionalString("subscription_plan").map(p -> Plan.parse("subscription_plan", p)));
  }

  static JsonObject of(ApiKey key) {
    JsonObject json = new JsonObject();
    json.addProperty("id", key.id());
    json.addProperty("organization_id", key.organizationId());
    json.addProperty("name", key.name());
    json.addProperty("prefix", key.prefix());
    json.add("scopes", scopes(key.scopes()));
    json.add("user_id", Json.toJson(key.userId().orElse(null)));
    json.addProperty("created_at", key.createdAt().toString());
    json.add("revoked_at", Json.toJson(key.revokedAt().orElse(null)));
    return json;
  }

  /** The one response that carries a key's secret; it cannot be retrieved again. */
  static JsonObject issued(IssuedApiKey issued) {
    JsonObject json = of(issued.key());
    json.addProperty("key", issued.secret());
    return json;
  }

  static Optional<Set<Scope>> requestedScopes(JsonFields body) {
    return body.optionalStrings("scopes").map(wires -> {
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      wires.forEach(w -> scopes.add(Scope.parse("scopes", w)));
      return scopes;
    });
  }

  static JsonObject of(User user) {
    JsonObject json = new JsonObject();
    json.addProperty("id", user.id());
    json.addProperty("organization_id", user.organizationId());
    json.addProperty("email", user.email());
    json.addProperty("display_name", user.displayName());
    json.addProperty("role", user.role().wire());
    json.add("external_subject", Json.toJson(user.externalSubject().orElse(null)));
    json.addProperty("created_at", user.createdAt().toString());
    json.addProperty("updated_at", user.updatedAt().toString());
    json.addProperty("etag", ETags.of(user.version()));
    return json;
  }

  static NewUser newUser(JsonFields body) {
    body.rejectUnknown(Set.of("email", "display_name", "role", "external_subject"));
    return new NewUser(body.requiredString("email"), body.requiredString("display_name"),
        Role.parse("role", body.requiredString("role")), body.optionalString("external_subject"));
  }

  static UserChanges userChanges(JsonFields body) {
    body.rejectUnknown(Set.of("display_name", "role", "external_subject"));
    return new UserChanges(body.optionalString("display_name"), body.optionalString("role").map(r -> Role.parse("role", r)),
        body.optionalString("external_subject"));
  }

  private static JsonArray scopes(Set<Scope> scopes) {
    JsonArray array = new JsonArray();
    Arrays.stream(Scope.values()).filter(scopes::contains).forEach(s -> array.add(s.wire()));
    return array;
  }
}
