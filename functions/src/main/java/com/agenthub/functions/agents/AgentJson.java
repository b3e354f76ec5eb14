package com.agenthub.functions.agents;

import com.agenthub.shared.agents.Agent;
import com.agenthub.shared.agents.AgentChanges;
import com.agenthub.shared.agents.AgentStatus;
import com.agenthub.shared.agents.NewAgent;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.json.Json;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;

/** How agents look on the wire, both ways. */
final class AgentJson {

  static final Set<String> WRITABLE = Set.of("name", "industry", "configuration", "status");

  private AgentJson() {}

  static JsonObject of(Agent agent) {
    JsonObject json = new JsonObject();
    json.addProperty("id", agent.id());
    json.addProperty("organization_id", agent.organizationId());
    json.addProperty("name", agent.name());
    json.add("industry", Json.toJson(agent.industry().orElse(null)));
    json.add("configuration", Json.toJson(agent.configuration()));
    json.addProperty("status", agent.status().wire());
    json.addProperty("created_at", agent.createdAt().toString());
    json.addProperty("updated_at", agent.updatedAt().toString());
    json.addProperty("etag", ETags.of(agent.version()));
    return json;
  }

  /** Only at creation: a client-chosen id, and the usage totals a migrated agent starts with. */
  static final Set<String> CREATABLE = Set.of("id", "name", "industry", "configuration", "status", "counters");

  static NewAgent newAgent(JsonFields body) {
    body.rejectUnknown(CREATABLE);
    return new NewAgent(
        body.optionalString("id"),
        body.requiredString("name"),
        body.optionalString("industry"),
        body.optionalObject("configuration").orElse(Map.of()),
        body.optionalString("status").map(s -> AgentStatus.parse("status", s)).orElse(AgentStatus.ACTIVE),
        openingCounters(body));
  }

  private static Map<String, Long> openingCounters(JsonFields body) {
    Map<String, Long> totals = new java.util.TreeMap<>();
    body.optionalObject("counters").orElse(Map.of()).forEach((name, value) -> {
      if (!(value instanceof Long total)) {
        throw com.agenthub.shared.errors.ApiError.invalid("counters." + name, "an opening total must be an integer of at least 0");
      }
      totals.put(name, total);
    });
    return totals;
  }

  static AgentChanges changes(JsonFields body) {
    body.rejectUnknown(WRITABLE);
    return new AgentChanges(
        body.optionalString("name"),
        body.optionalString("industry"),
        body.optionalObject("configuration"),
        body.optionalString("status").map(s -> AgentStatus.parse("status", s)));
  }
}
