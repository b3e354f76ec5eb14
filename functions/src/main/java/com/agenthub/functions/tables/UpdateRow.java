package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.List;
import java.util.Set;

/** PATCH the row ?id= of ?table= with the columns given (null clears one); honours If-Match (412 when stale). */
public final class UpdateRow extends EndpointFunction {

  public UpdateRow() {
    this(Services.production());
  }

  public UpdateRow(Services services) {
    super(HttpEndpoint.of("UpdateRow", "PATCH", Scope.TABLES_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table", "id"));
      String name = call.query().required("table");
      var row = services.tables().rows().update(call.organizationId(), name, call.query().required("id"),
          call.body().asJson(), ETags.ifMatch(call));
      return ApiReply.ok(TableJson.of(row.table(), row, List.of())).withHeader("ETag", ETags.of(row.version()));
    }));
  }
}
