package com.agenthub.functions.agents;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.PageJson;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.agents.AgentFilter;
import com.agenthub.shared.agents.AgentStatus;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the caller's agents, oldest first, filtered by ?status= and ?industry=, cursor-paginated. */
public final class ListAgents extends EndpointFunction {

  public ListAgents() {
    this(Services.production());
  }

  public ListAgents(Services services) {
    super(HttpEndpoint.of("ListAgents", "GET", Scope.AGENTS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("status", "industry", "page_size", "page_token"));
      AgentFilter filter = new AgentFilter(
          call.query().optional("status").map(s -> AgentStatus.parse("status", s)),
          call.query().optional("industry"));
      var page = services.agents().list(call.organizationId(), filter, PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("agents", page, AgentJson::of));
    }));
  }
}
