package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.HttpEndpoint.Access;
import java.util.List;
import java.util.Set;

/** POST {rows: [...]} into ?table=: all rows or none (at most 500); 201 with each row's _id and _etag. */
public final class InsertRows extends EndpointFunction {

  public InsertRows() {
    this(Services.production());
  }

  public InsertRows(Services services) {
    super(HttpEndpoint.of("InsertRows", "POST", Access.ORGANIZATION_KEY, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table"));
      var rows = services.tables().rows().insert(call.organizationId(), call.query().required("table"),
          TableJson.rows(call.body(), Set.of("rows")));
      return ApiReply.created(TableJson.written(rows));
    }).idempotent(services.idempotencyKeys()));
  }
}
