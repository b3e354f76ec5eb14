package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** PATCH the table ?table=: {add_columns, drop_columns, rename_columns}; honours If-Match; raises the schema version. */
public final class AlterTable extends EndpointFunction {

  public AlterTable() {
    this(Services.production());
  }

  public AlterTable(Services services) {
    super(HttpEndpoint.of("AlterTable", "PATCH", Scope.TABLES_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table"));
      var table = services.tables().tables().alter(call.organizationId(), call.query().required("table"),
          TableJson.alteration(call.body()), ETags.ifMatch(call));
      return ApiReply.ok(TableJson.of(table)).withHeader("ETag", ETags.of(table.version()));
    }));
  }
}
