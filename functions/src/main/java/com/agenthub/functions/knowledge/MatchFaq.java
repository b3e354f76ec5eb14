package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.knowledge.Faqs;
import java.util.Set;

/**
 * POST {question, top_k? (1..10, default 3), category?}: the FAQs whose question means the same,
 * best first, each scoring at least the threshold; {@code matched: false} is "no match".
 */
public final class MatchFaq extends EndpointFunction {

  public MatchFaq() {
    this(Services.production());
  }

  public MatchFaq(Services services) {
    super(HttpEndpoint.of("MatchFaq", "POST", Scope.KNOWLEDGE_READ, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("question", "top_k", "category"));
      // Clamped just outside the range, so any out-of-range value gets the range's own error.
      int topK = call.body().optionalInteger("top_k").map(k -> (int) Math.max(0, Math.min(Faqs.MAX_MATCHES + 1, k))).orElse(3);
      var matches = services.knowledge().faqs().match(call.organizationId(), call.body().requiredString("question"), topK,
          call.body().optionalString("category"));
      return ApiReply.ok(FaqJson.matches(matches, Faqs.MATCH_THRESHOLD));
    }));
  }
}
