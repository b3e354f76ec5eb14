package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/**
 * POST {name, scopes?, user_id?}: a new API key of the caller's organization; its secret is in this
 * answer only. Scopes default to the calling key's; never beyond them nor beyond the user's role (403).
 */
public final class CreateApiKey extends EndpointFunction {

  public CreateApiKey() {
    this(Services.production());
  }

  public CreateApiKey(Services services) {
    super(HttpEndpoint.of("CreateApiKey", "POST", Scope.ADMIN, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("name", "scopes", "user_id"));
      var issued = services.apiKeys().issue(call.organizationId(), call.body().requiredString("name"),
          OrganizationJson.requestedScopes(call.body()), call.body().optionalString("user_id"), call.principal());
      return ApiReply.created(OrganizationJson.issued(issued));
    }).idempotent(services.idempotencyKeys()));
  }
}
