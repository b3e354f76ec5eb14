package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** PATCH some fields of the FAQ ?faq_id= (a changed question is embedded again); If-Match: only at that version (else 412). */
public final class UpdateFaq extends EndpointFunction {

  public UpdateFaq() {
    this(Services.production());
  }

  public UpdateFaq(Services services) {
    super(HttpEndpoint.of("UpdateFaq", "PATCH", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("faq_id"));
      var faq = services.knowledge().faqs().update(call.organizationId(), call.query().required("faq_id"),
          FaqJson.changes(call.body()), ETags.ifMatch(call));
      return ApiReply.ok(FaqJson.of(faq)).withHeader("ETag", ETags.of(faq.version()));
    }));
  }
}
