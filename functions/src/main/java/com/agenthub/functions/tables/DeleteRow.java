package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** DELETE the row ?id= of ?table=; honours If-Match. */
public final class DeleteRow extends EndpointFunction {

  public DeleteRow() {
    this(Services.production());
  }

  public DeleteRow(Services services) {
    super(HttpEndpoint.of("DeleteRow", "DELETE", Scope.TABLES_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table", "id"));
      services.tables().rows().delete(call.organizationId(), call.query().required("table"), call.query().required("id"),
          ETags.ifMatch(call));
      return ApiReply.noContent();
    }));
  }
}
