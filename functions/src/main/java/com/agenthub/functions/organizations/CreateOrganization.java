package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint.Access;
import com.agenthub.shared.http.HttpEndpoint;
import com.google.gson.JsonObject;
import java.util.Set;

/** POST {name} with the platform-admin credential: a new organization and its first API key (shown once). */
public final class CreateOrganization extends EndpointFunction {

  public CreateOrganization() {
    this(Services.production());
  }

  public CreateOrganization(Services services) {
    super(HttpEndpoint.of("CreateOrganization", "POST", Access.PLATFORM_ADMIN, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("name"));
      var created = services.organizations().create(call.body().requiredString("name"));
      JsonObject json = new JsonObject();
      json.add("organization", OrganizationJson.of(created.organization()));
      json.add("api_key", OrganizationJson.issued(created.firstKey()));
      return ApiReply.created(json);
    }));
  }
}
