package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the user ?user_id= of the caller's organization, with its ETag. */
public final class GetUser extends EndpointFunction {

  public GetUser() {
    this(Services.production());
  }

  public GetUser(Services services) {
    super(HttpEndpoint.of("GetUser", "GET", Scope.ORGANIZATION_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("user_id"));
      var user = services.users().users().get(call.organizationId(), call.query().required("user_id"));
      return ApiReply.ok(OrganizationJson.of(user)).withHeader("ETag", ETags.of(user.version()));
    }));
  }
}
