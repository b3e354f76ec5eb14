package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.google.gson.JsonObject;
import java.util.Set;

/** GET every usage counter of the agent ?agent_id= with its total. */
public final class GetAgentCounters extends EndpointFunction {

  public GetAgentCounters() {
    this(Services.production());
  }

  public GetAgentCounters(Services services) {
    super(HttpEndpoint.of("GetAgentCounters", "GET", Scope.AGENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("agent_id"));
      String agentId = call.query().required("agent_id");
      JsonObject counters = new JsonObject();
      services.agentCounters().read(call.organizationId(), agentId).forEach(counters::addProperty);
      JsonObject json = new JsonObject();
      json.addProperty("agent_id", agentId);
      json.add("counters", counters);
      return ApiReply.ok(json);
    }));
  }
}
