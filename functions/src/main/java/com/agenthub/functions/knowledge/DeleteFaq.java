package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** DELETE the FAQ ?faq_id=; honours If-Match. */
public final class DeleteFaq extends EndpointFunction {

  public DeleteFaq() {
    this(Services.production());
  }

  public DeleteFaq(Services services) {
    super(HttpEndpoint.of("DeleteFaq", "DELETE", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("faq_id"));
      services.knowledge().faqs().delete(call.organizationId(), call.query().required("faq_id"), ETags.ifMatch(call));
      return ApiReply.noContent();
    }));
  }
}
