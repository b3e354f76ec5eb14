package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint.Access;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** POST {name}: a new API key of the caller's organization; its secret is in this answer only. */
public final class CreateApiKey extends EndpointFunction {

  public CreateApiKey() {
    this(Services.production());
  }

  public CreateApiKey(Services services) {
    super(HttpEndpoint.of("CreateApiKey", "POST", Access.ORGANIZATION_KEY, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("name"));
      var issued = services.apiKeys().issue(call.organizationId(), call.body().requiredString("name"));
      return ApiReply.created(OrganizationJson.issued(issued));
    }).idempotent(services.idempotencyKeys()));
  }
}
