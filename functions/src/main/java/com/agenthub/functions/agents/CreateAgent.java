package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/** POST a new agent of the caller's organization; 201 with the agent and its ETag. */
public final class CreateAgent extends EndpointFunction {

  public CreateAgent() {
    this(Services.production());
  }

  public CreateAgent(Services services) {
    super(HttpEndpoint.of("CreateAgent", "POST", Scope.AGENTS_WRITE, services.authenticator(), call -> {
      var agent = services.agents().create(call.organizationId(), AgentJson.newAgent(call.body()));
      return ApiReply.created(AgentJson.of(agent)).withHeader("ETag", ETags.of(agent.version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
