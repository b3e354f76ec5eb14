package com.agenthub.functions.tables;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** POST a table: {name, columns: [{name, type, required, default, unique, indexed}], primary_key}; 201 with it. */
public final class CreateTable extends EndpointFunction {

  public CreateTable() {
    this(Services.production());
  }

  public CreateTable(Services services) {
    super(HttpEndpoint.of("CreateTable", "POST", Scope.TABLES_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of());
      var table = services.tables().tables().create(call.organizationId(), TableJson.newTable(call.body()));
      return ApiReply.created(TableJson.of(table)).withHeader("ETag", ETags.of(table.version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
