package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.BatchReplyJson;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.knowledge.Faqs;
import com.agenthub.shared.knowledge.NewFaq;
import java.util.List;
import java.util.Set;

/**
 * POST {@code {"faqs": [...]}}: up to {@link Faqs#MAX_BATCH} FAQs of the caller's organization,
 * each as CreateFaq takes it (client-chosen {@code id} kept), their questions embedded in one batch
 * and the new ones written in one commit. Every item is checked before anything is written (an
 * invalid one is a 400 naming {@code faqs[i].field}); then 200 with, per item, {@code created} or
 * {@code found} and the FAQ, or {@code error} (a conflict on {@code faqs[i].id}).
 */
public final class CreateFaqs extends EndpointFunction {

  public CreateFaqs() {
    this(Services.production());
  }

  public CreateFaqs(Services services) {
    super(HttpEndpoint.of("CreateFaqs", "POST", Scope.KNOWLEDGE_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("faqs"));
      List<NewFaq> requests = call.body().requiredObjects("faqs", FaqJson::newFaq);
      return ApiReply.ok(BatchReplyJson.of("faqs", "faq", services.knowledge().faqs().createAll(call.organizationId(), requests),
          created -> FaqJson.of(created.faq()), Faqs.Created::created));
    }).idempotent(services.idempotencyKeys()));
  }
}
