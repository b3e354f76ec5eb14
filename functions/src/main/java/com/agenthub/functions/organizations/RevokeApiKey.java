package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** POST {key_id}: the key stops authenticating at once. Idempotent. */
public final class RevokeApiKey extends EndpointFunction {

  public RevokeApiKey() {
    this(Services.production());
  }

  public RevokeApiKey(Services services) {
    super(HttpEndpoint.of("RevokeApiKey", "POST", Scope.ADMIN, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("key_id"));
      var key = services.apiKeys().revoke(call.organizationId(), call.body().requiredString("key_id"), call.principal());
      return ApiReply.ok(OrganizationJson.of(key));
    }));
  }
}
