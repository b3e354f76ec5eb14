package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** POST {table, rows: [...], on: column}: inserts each row, or updates the row with its primary key (or unique on value). */
public final class UpsertRows extends EndpointFunction {

  public UpsertRows() {
    this(Services.production());
  }

  public UpsertRows(Services services) {
    super(HttpEndpoint.of("UpsertRows", "POST", Scope.TABLES_WRITE, services.authenticator(), call -> {
      var rows = services.tables().rows().upsert(call.organizationId(), call.body().requiredString("table"),
          TableJson.rows(call.body(), Set.of("table", "rows", "on")), call.body().optionalString("on"));
      return ApiReply.ok(TableJson.written(rows));
    }).idempotent(services.idempotencyKeys()));
  }
}
