package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** DELETE the table ?table= and its rows: 204 when gone, 202 with its progress while its rows are deleted in the background. */
public final class DeleteTable extends EndpointFunction {

  public DeleteTable() {
    this(Services.production());
  }

  public DeleteTable(Services services) {
    super(HttpEndpoint.of("DeleteTable", "DELETE", Scope.TABLES_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table"));
      var left = services.tables().deleteTable(call.organizationId(), call.query().required("table"), ETags.ifMatch(call));
      return left.map(table -> ApiReply.accepted(TableJson.of(table))).orElseGet(ApiReply::noContent);
    }));
  }
}
