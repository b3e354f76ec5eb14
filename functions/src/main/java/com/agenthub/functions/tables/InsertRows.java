package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** POST {table, rows: [...]}: all rows or none (at most 500); 201 with each row's _id and _etag. */
public final class InsertRows extends EndpointFunction {

  public InsertRows() {
    this(Services.production());
  }

  public InsertRows(Services services) {
    super(HttpEndpoint.of("InsertRows", "POST", Scope.TABLES_WRITE, services.authenticator(), call -> {
      var rows = services.tables().rows().insert(call.organizationId(), call.body().requiredString("table"),
          TableJson.rows(call.body(), Set.of("table", "rows")));
      return ApiReply.created(TableJson.written(rows));
    }).idempotent(services.idempotencyKeys()));
  }
}
