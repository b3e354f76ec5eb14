package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** POST {table, filters: [...]} to delete up to 500 matching rows atomically; more = true means call again. */
public final class DeleteRows extends EndpointFunction {

  public DeleteRows() {
    this(Services.production());
  }

  public DeleteRows(Services services) {
    super(HttpEndpoint.of("DeleteRows", "POST", Scope.TABLES_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("table", "filters"));
      var deleted = services.tables().rows().deleteWhere(call.organizationId(), call.body().requiredString("table"),
          TableJson.filters(call.body().asJson()));
      var json = new com.google.gson.JsonObject();
      json.addProperty("deleted", deleted.deleted());
      json.addProperty("more", deleted.more());
      return ApiReply.ok(json);
    }));
  }
}
