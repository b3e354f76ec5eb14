package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.PageJson;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the organization's FAQs, oldest first, ?category=, cursor-paginated. */
public final class ListFaqs extends EndpointFunction {

  public ListFaqs() {
    this(Services.production());
  }

  public ListFaqs(Services services) {
    super(HttpEndpoint.of("ListFaqs", "GET", Scope.KNOWLEDGE_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("category", "page_size", "page_token"));
      var page = services.knowledge().faqs().list(call.organizationId(), call.query().optional("category"), PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("faqs", page, FaqJson::of));
    }));
  }
}
