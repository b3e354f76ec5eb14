package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.HttpEndpoint.Access;
import java.util.List;
import java.util.Set;

/** POST {filters: [...]} to delete up to 500 matching rows of ?table= atomically; more = true means call again. */
public final class DeleteRows extends EndpointFunction {

  public DeleteRows() {
    this(Services.production());
  }

  public DeleteRows(Services services) {
    super(HttpEndpoint.of("DeleteRows", "POST", Access.ORGANIZATION_KEY, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("table"));
      call.body().rejectUnknown(Set.of("filters"));
      var deleted = services.tables().rows().deleteWhere(call.organizationId(), call.query().required("table"),
          TableJson.filters(call.body().asJson()));
      var json = new com.google.gson.JsonObject();
      json.addProperty("deleted", deleted.deleted());
      json.addProperty("more", deleted.more());
      return ApiReply.ok(json);
    }));
  }
}
