package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/**
 * POST a document {id?, title, content (≤ 1 MiB of text), category?, tags?, metadata?, source_url?}:
 * 202 with the document, status indexing; IndexDocument chunks and embeds it in the background.
 * 200 with the existing one a client-chosen {@code id} already names (same fields; else 409).
 */
public final class CreateDocument extends EndpointFunction {

  public CreateDocument() {
    this(Services.production());
  }

  public CreateDocument(Services services) {
    super(HttpEndpoint.of("CreateDocument", "POST", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      var result = services.knowledge().documents().createOrFind(call.organizationId(), DocumentJson.newDocument(call.body()));
      var body = DocumentJson.of(result.document());
      return (result.created() ? ApiReply.accepted(body) : ApiReply.ok(body)).withHeader("ETag", ETags.of(result.document().version()));
    }).idempotent(services.idempotencyKeys()).withMaxBodyBytes(DocumentJson.MAX_BODY_BYTES));
  }
}
