package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;

/** POST {table, filters, order, select, page_size, page_token, count}: one page of rows in order. */
public final class QueryRows extends EndpointFunction {

  public QueryRows() {
    this(Services.production());
  }

  public QueryRows(Services services) {
    super(HttpEndpoint.of("QueryRows", "POST", Scope.TABLES_READ, services.authenticator(), call -> {
      var query = TableJson.query(call.body());
      var page = services.tables().rows().query(call.organizationId(), call.body().requiredString("table"), query);
      return ApiReply.ok(TableJson.page(page, query.select()));
    }));
  }
}
