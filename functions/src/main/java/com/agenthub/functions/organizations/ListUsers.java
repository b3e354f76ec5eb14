package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.PageJson;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the caller's organization's users, oldest first, cursor-paginated. */
public final class ListUsers extends EndpointFunction {

  public ListUsers() {
    this(Services.production());
  }

  public ListUsers(Services services) {
    super(HttpEndpoint.of("ListUsers", "GET", Scope.ORGANIZATION_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("page_size", "page_token"));
      var page = services.users().users().list(call.organizationId(), PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("users", page, OrganizationJson::of));
    }));
  }
}
