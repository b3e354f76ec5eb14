package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** PATCH display_name, role, external_subject of the user ?user_id= (If-Match); the last owner cannot be demoted (409). */
public final class UpdateUser extends EndpointFunction {

  public UpdateUser() {
    this(Services.production());
  }

  public UpdateUser(Services services) {
    super(HttpEndpoint.of("UpdateUser", "PATCH", Scope.ADMIN, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("user_id"));
      var user = services.users().users().update(call.organizationId(), call.query().required("user_id"),
          OrganizationJson.userChanges(call.body()), ETags.ifMatch(call), call.principal());
      return ApiReply.ok(OrganizationJson.of(user)).withHeader("ETag", ETags.of(user.version()));
    }));
  }
}
