package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the table ?table= (its columns, schema version, status; a table being deleted shows its progress). */
public final class GetTable extends EndpointFunction {

  public GetTable() {
    this(Services.production());
  }

  public GetTable(Services services) {
    super(HttpEndpoint.of("GetTable", "GET", Scope.TABLES_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table"));
      var table = services.tables().tables().get(call.organizationId(), call.query().required("table"));
      return ApiReply.ok(TableJson.of(table)).withHeader("ETag", ETags.of(table.version()));
    }));
  }
}
