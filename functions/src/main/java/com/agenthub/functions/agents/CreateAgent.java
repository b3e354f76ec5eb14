package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/**
 * POST a new agent of the caller's organization: 201 with the agent and its ETag, or 200 with the
 * existing one when a client-chosen {@code id} (e.g. a legacy id kept by a migration) already names it.
 */
public final class CreateAgent extends EndpointFunction {

  public CreateAgent() {
    this(Services.production());
  }

  public CreateAgent(Services services) {
    super(HttpEndpoint.of("CreateAgent", "POST", Scope.AGENTS_WRITE, services.authenticator(), call -> {
      var result = services.agents().createOrFind(call.organizationId(), AgentJson.newAgent(call.body()));
      var body = AgentJson.of(result.agent());
      return (result.created() ? ApiReply.created(body) : ApiReply.ok(body))
          .withHeader("ETag", ETags.of(result.agent().version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
