package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/**
 * PATCH some fields of the document ?document_id=; a change of title, content, category or tags
 * re-indexes it (status indexing; only changed chunks are embedded again). If-Match: only at that version (else 412).
 */
public final class UpdateDocument extends EndpointFunction {

  public UpdateDocument() {
    this(Services.production());
  }

  public UpdateDocument(Services services) {
    super(HttpEndpoint.of("UpdateDocument", "PATCH", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("document_id"));
      var document = services.knowledge().documents().update(call.organizationId(), call.query().required("document_id"),
          DocumentJson.changes(call.body()), ETags.ifMatch(call));
      return ApiReply.ok(DocumentJson.of(document)).withHeader("ETag", ETags.of(document.version()));
    }).withMaxBodyBytes(DocumentJson.MAX_BODY_BYTES));
  }
}
