package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * DELETE the document ?document_id= (honours If-Match): gone from gets, lists and searches at
 * once; 204 when its chunks and postings are gone too, 202 when IndexDocument finishes them.
 */
public final class DeleteDocument extends EndpointFunction {

  /** What one request spends deleting chunks before leaving the rest to the background. */
  static final Duration BUDGET = Duration.ofSeconds(10);

  public DeleteDocument() {
    this(Services.production());
  }

  public DeleteDocument(Services services) {
    super(HttpEndpoint.of("DeleteDocument", "DELETE", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("document_id"));
      boolean gone = services.knowledge().documents().delete(call.organizationId(), call.query().required("document_id"),
          ETags.ifMatch(call), BUDGET);
      if (gone) {
        return ApiReply.noContent();
      }
      JsonObject body = new JsonObject();
      body.addProperty("status", "deleting");
      return ApiReply.accepted(body);
    }));
  }
}
