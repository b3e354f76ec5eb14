package com.agenthub.functions.knowledge;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.PageJson;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the organization's documents, oldest first, ?category=&tag=&status=, cursor-paginated; no content. */
public final class ListDocuments extends EndpointFunction {

  public ListDocuments() {
    this(Services.production());
  }

  public ListDocuments(Services services) {
    super(HttpEndpoint.of("ListDocuments", "GET", Scope.KNOWLEDGE_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("category", "tag", "status", "page_size", "page_token"));
      var page = services.knowledge().documents().list(call.organizationId(), call.query().optional("category"),
          call.query().optional("tag"), call.query().optional("status"), PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("documents", page, DocumentJson::of));
    }));
  }
}
