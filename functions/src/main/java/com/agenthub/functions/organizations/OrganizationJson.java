package com.agenthub.functions.organizations;

import com.agenthub.shared.json.Json;
import com.agenthub.shared.organizations.ApiKey;
import com.agenthub.shared.organizations.IssuedApiKey;
import com.agenthub.shared.organizations.Organization;
import com.google.gson.JsonObject;

/** How organizations and API keys look on the wire. A key's secret appears only in {@link #issued}. */
final class OrganizationJson {

  private OrganizationJson() {}

  static JsonObject of(Organization organization) {
    JsonObject json = new JsonObject();
    json.addProperty("id", organization.id());
    json.addProperty("name", organization.name());
    json.addProperty("created_at", organization.createdAt().toString());
    return json;
  }

  static JsonObject of(ApiKey key) {
    JsonObject json = new JsonObject();
    json.addProperty("id", key.id());
    json.addProperty("organization_id", key.organizationId());
    json.addProperty("name", key.name());
    json.addProperty("prefix", key.prefix());
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
}
