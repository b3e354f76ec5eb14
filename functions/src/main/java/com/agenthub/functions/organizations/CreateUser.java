package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/** POST {email, display_name, role, external_subject?}: a new user of the caller's organization; 409 if the email is taken. */
public final class CreateUser extends EndpointFunction {

  public CreateUser() {
    this(Services.production());
  }

  public CreateUser(Services services) {
    super(HttpEndpoint.of("CreateUser", "POST", Scope.ADMIN, services.authenticator(), call -> {
      var user = services.users().users().create(call.organizationId(), OrganizationJson.newUser(call.body()), call.principal());
      return ApiReply.created(OrganizationJson.of(user)).withHeader("ETag", ETags.of(user.version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
