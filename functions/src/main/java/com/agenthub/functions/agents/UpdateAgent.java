package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** PATCH some fields of the agent ?agent_id=; with If-Match, only if it is still at that version (else 412). */
public final class UpdateAgent extends EndpointFunction {

  public UpdateAgent() {
    this(Services.production());
  }

  public UpdateAgent(Services services) {
    super(HttpEndpoint.of("UpdateAgent", "PATCH", Scope.AGENTS_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("agent_id"));
      String agentId = call.query().required("agent_id");
      var ifMatch = ETags.ifMatch(call);
      var agent = services.agents().update(call.organizationId(), agentId, AgentJson.changes(call.body()), ifMatch);
      return ApiReply.ok(AgentJson.of(agent)).withHeader("ETag", ETags.of(agent.version()));
    }));
  }
}
