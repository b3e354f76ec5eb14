package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.List;
import java.util.Set;

/** GET the row ?id= of ?table=. */
public final class GetRow extends EndpointFunction {

  public GetRow() {
    this(Services.production());
  }

  public GetRow(Services services) {
    super(HttpEndpoint.of("GetRow", "GET", Scope.TABLES_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table", "id"));
      String name = call.query().required("table");
      var row = services.tables().rows().get(call.organizationId(), name, call.query().required("id"));
      return ApiReply.ok(TableJson.of(row.table(), row, List.of())).withHeader("ETag", ETags.of(row.version()));
    }));
  }
}
