package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the FAQ ?faq_id=. */
public final class GetFaq extends EndpointFunction {

  public GetFaq() {
    this(Services.production());
  }

  public GetFaq(Services services) {
    super(HttpEndpoint.of("GetFaq", "GET", Scope.KNOWLEDGE_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("faq_id"));
      var faq = services.knowledge().faqs().get(call.organizationId(), call.query().required("faq_id"));
      return ApiReply.ok(FaqJson.of(faq)).withHeader("ETag", ETags.of(faq.version()));
    }));
  }
}
