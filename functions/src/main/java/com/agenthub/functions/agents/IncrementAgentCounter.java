package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.JsonFields;
import com.google.gson.JsonObject;
import java.util.Set;

/** POST {agent_id, counter, delta}: atomically add to a named usage counter; answers its new total. */
public final class IncrementAgentCounter extends EndpointFunction {

  public IncrementAgentCounter() {
    this(Services.production());
  }

  public IncrementAgentCounter(Services services) {
    super(HttpEndpoint.of("IncrementAgentCounter", "POST", Scope.AGENTS_WRITE, services.authenticator(), call -> {
      JsonFields body = call.body();
      body.rejectUnknown(Set.of("agent_id", "counter", "delta"));
      String agentId = body.requiredString("agent_id");
      String counter = body.requiredString("counter");
      long delta = body.optionalInteger("delta").orElse(1L);
      long total = services.agentCounters().increment(call.organizationId(), agentId, counter, delta);
      JsonObject json = new JsonObject();
      json.addProperty("agent_id", agentId);
      json.addProperty("counter", counter);
      json.addProperty("value", total);
      return ApiReply.ok(json);
    }).idempotent(services.idempotencyKeys()));
  }
}
