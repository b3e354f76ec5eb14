package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/**
 * POST a document {title, content (≤ 1 MiB of text), category?, tags?, metadata?, source_url?}:
 * 202 with the document, status indexing; IndexDocument chunks and embeds it in the background.
 */
public final class CreateDocument extends EndpointFunction {

  public CreateDocument() {
    this(Services.production());
  }

  public CreateDocument(Services services) {
    super(HttpEndpoint.of("CreateDocument", "POST", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      var document = services.knowledge().documents().create(call.organizationId(), DocumentJson.newDocument(call.body()));
      return ApiReply.accepted(DocumentJson.of(document)).withHeader("ETag", ETags.of(document.version()));
    }).idempotent(services.idempotencyKeys()).withMaxBodyBytes(DocumentJson.MAX_BODY_BYTES));
  }
}
