package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/** POST a new FAQ {question, answer, category?, tags?}; its question is embedded for MatchFaq. 201 with the FAQ and its ETag. */
public final class CreateFaq extends EndpointFunction {

  public CreateFaq() {
    this(Services.production());
  }

  public CreateFaq(Services services) {
    super(HttpEndpoint.of("CreateFaq", "POST", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      var faq = services.knowledge().faqs().create(call.organizationId(), FaqJson.newFaq(call.body()));
      return ApiReply.created(FaqJson.of(faq)).withHeader("ETag", ETags.of(faq.version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
