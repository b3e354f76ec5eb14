package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/**
 * POST a new FAQ {id?, question, answer, category?, tags?}; its question is embedded for MatchFaq.
 * 201 with the FAQ and its ETag, or 200 with the existing one a client-chosen {@code id} already names.
 */
public final class CreateFaq extends EndpointFunction {

  public CreateFaq() {
    this(Services.production());
  }

  public CreateFaq(Services services) {
    super(HttpEndpoint.of("CreateFaq", "POST", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      var result = services.knowledge().faqs().createOrFind(call.organizationId(), FaqJson.newFaq(call.body()));
      var body = FaqJson.of(result.faq());
      return (result.created() ? ApiReply.created(body) : ApiReply.ok(body)).withHeader("ETag", ETags.of(result.faq().version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
