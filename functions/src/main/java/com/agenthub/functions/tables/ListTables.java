package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the caller's tables, oldest first, cursor-paginated. */
public final class ListTables extends EndpointFunction {

  public ListTables() {
    this(Services.production());
  }

  public ListTables(Services services) {
    super(HttpEndpoint.of("ListTables", "GET", Scope.TABLES_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("page_size", "page_token"));
      var page = services.tables().tables().list(call.organizationId(), com.agenthub.functions.PageJson.request(call.query()));
      return ApiReply.ok(com.agenthub.functions.PageJson.of("tables", page, TableJson::of));
    }));
  }
}
