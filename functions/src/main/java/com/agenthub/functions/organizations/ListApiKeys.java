package com.agenthub.functions.organizations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.PageJson;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the caller's organization's API keys (never their secrets), oldest first, cursor-paginated. */
public final class ListApiKeys extends EndpointFunction {

  public ListApiKeys() {
    this(Services.production());
  }

  public ListApiKeys(Services services) {
    super(HttpEndpoint.of("ListApiKeys", "GET", Scope.ORGANIZATION_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("page_size", "page_token"));
      var page = services.apiKeys().list(call.organizationId(), PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("api_keys", page, OrganizationJson::of));
    }));
  }
}
