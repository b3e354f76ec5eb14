package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** PATCH name and settings of the caller's organization (If-Match: 412 when stale); the platform admin (with ?organization_id=) may also change subscription_plan. */
public final class UpdateOrganization extends EndpointFunction {

  public UpdateOrganization() {
    this(Services.production());
  }

  public UpdateOrganization(Services services) {
    super(HttpEndpoint.of("UpdateOrganization", "PATCH", Scope.ADMIN, services.authenticator(), call -> {
      call.query().rejectUnknown(call.platformAdmin() ? Set.of("organization_id") : Set.of());
      String organizationId = call.platformAdmin() ? call.query().required("organization_id") : call.organizationId();
      var organization = services.organizations().update(organizationId, OrganizationJson.organizationChanges(call.body()),
          ETags.ifMatch(call), call.platformAdmin());
      return ApiReply.ok(OrganizationJson.of(organization)).withHeader("ETag", ETags.of(organization.version()));
    }).orPlatformAdmin());
  }
}
