package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the caller's organization: name, settings, subscription_plan, with its ETag. */
public final class GetOrganization extends EndpointFunction {

  public GetOrganization() {
    this(Services.production());
  }

  public GetOrganization(Services services) {
    super(HttpEndpoint.of("GetOrganization", "GET", Scope.ORGANIZATION_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of());
      var organization = services.organizations().get(call.organizationId());
      return ApiReply.ok(OrganizationJson.of(organization)).withHeader("ETag", ETags.of(organization.version()));
    }));
  }
}
