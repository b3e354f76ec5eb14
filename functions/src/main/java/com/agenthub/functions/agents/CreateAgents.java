package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.agents.Agents;
import com.agenthub.shared.agents.NewAgent;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.BatchReplyJson;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.List;
import java.util.Set;

/**
 * POST {@code {"agents": [...]}}: up to {@link Agents#MAX_BATCH} agents of the caller's
 * organization, each as CreateAgent takes it (client-chosen {@code id}, opening {@code counters}),
 * with one plan-usage claim per commit instead of one per agent. Every item is checked before
 * anything is written (an invalid one is a 400 naming {@code agents[i].field}); then 200 with, per
 * item, {@code created} or {@code found} and the agent, or {@code error} (e.g. a 409-style conflict
 * on {@code agents[i].id}).
 */
public final class CreateAgents extends EndpointFunction {

  public CreateAgents() {
    this(Services.production());
  }

  public CreateAgents(Services services) {
    super(HttpEndpoint.of("CreateAgents", "POST", Scope.AGENTS_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("agents"));
      List<NewAgent> requests = call.body().requiredObjects("agents", AgentJson::newAgent);
      return ApiReply.ok(BatchReplyJson.of("agents", "agent", services.agents().createAll(call.organizationId(), requests),
          created -> AgentJson.of(created.agent()), Agents.Created::created));
    }).idempotent(services.idempotencyKeys()));
  }
}
