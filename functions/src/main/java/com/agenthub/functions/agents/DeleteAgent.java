package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** DELETE the agent ?agent_id=: gone from gets and lists, its record archived; honours If-Match. */
public final class DeleteAgent extends EndpointFunction {

  public DeleteAgent() {
    this(Services.production());
  }

  public DeleteAgent(Services services) {
    super(HttpEndpoint.of("DeleteAgent", "DELETE", Scope.AGENTS_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("agent_id"));
      String agentId = call.query().required("agent_id");
      services.agents().delete(call.organizationId(), agentId, ETags.ifMatch(call));
      return ApiReply.noContent();
    }));
  }
}
