package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET one agent by ?agent_id=; 404 when missing, deleted or another organization's. */
public final class GetAgent extends EndpointFunction {

  public GetAgent() {
    this(Services.production());
  }

  public GetAgent(Services services) {
    super(HttpEndpoint.of("GetAgent", "GET", Scope.AGENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("agent_id"));
      var agent = services.agents().get(call.organizationId(), call.query().required("agent_id"));
      return ApiReply.ok(AgentJson.of(agent)).withHeader("ETag", ETags.of(agent.version()));
    }));
  }
}
