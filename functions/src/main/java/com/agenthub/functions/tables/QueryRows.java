package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.HttpEndpoint.Access;
import java.util.List;
import java.util.Set;

/** POST {filters, order, select, page_size, page_token, count} to query ?table=: one page of rows in order. */
public final class QueryRows extends EndpointFunction {

  public QueryRows() {
    this(Services.production());
  }

  public QueryRows(Services services) {
    super(HttpEndpoint.of("QueryRows", "POST", Access.ORGANIZATION_KEY, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table"));
      var query = TableJson.query(call.body());
      var page = services.tables().rows().query(call.organizationId(), call.query().required("table"), query);
      return ApiReply.ok(TableJson.page(page, query.select()));
    }));
  }
}
