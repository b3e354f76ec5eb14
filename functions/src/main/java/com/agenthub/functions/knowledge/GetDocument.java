package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the document ?document_id= with its status (and its content unless ?include_content=false). */
public final class GetDocument extends EndpointFunction {

  public GetDocument() {
    this(Services.production());
  }

  public GetDocument(Services services) {
    super(HttpEndpoint.of("GetDocument", "GET", Scope.KNOWLEDGE_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("document_id", "include_content"));
      String include = call.query().optional("include_content").orElse("true");
      if (!include.equals("true") && !include.equals("false")) {
        throw ApiError.invalid("include_content", "'include_content' must be true or false");
      }
      var document = services.knowledge().documents().get(call.organizationId(), call.query().required("document_id"),
          include.equals("true"));
      return ApiReply.ok(DocumentJson.of(document)).withHeader("ETag", ETags.of(document.version()));
    }));
  }
}
