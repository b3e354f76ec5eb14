package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** DELETE the user ?user_id= (optional If-Match); their API keys are revoked in the same commit; the last owner cannot be removed (409). */
public final class DeleteUser extends EndpointFunction {

  public DeleteUser() {
    this(Services.production());
  }

  public DeleteUser(Services services) {
    super(HttpEndpoint.of("DeleteUser", "DELETE", Scope.ADMIN, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("user_id"));
      services.users().users().delete(call.organizationId(), call.query().required("user_id"), ETags.ifMatch(call), call.principal());
      return ApiReply.noContent();
    }));
  }
}
