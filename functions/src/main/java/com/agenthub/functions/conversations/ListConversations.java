package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.PageJson;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.conversations.ConversationFilter;
import com.agenthub.shared.conversations.ConversationStatus;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the caller's conversations, newest first, filtered by ?agent_id=, ?user_id=, ?status=, cursor-paginated. */
public final class ListConversations extends EndpointFunction {

  public ListConversations() {
    this(Services.production());
  }

  public ListConversations(Services services) {
    super(HttpEndpoint.of("ListConversations", "GET", Scope.CONVERSATIONS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("agent_id", "user_id", "status", "page_size", "page_token"));
      ConversationFilter filter = new ConversationFilter(call.query().optional("agent_id"), call.query().optional("user_id"),
          call.query().optional("status").map(s -> ConversationStatus.parse("status", s)));
      var page = services.conversations().conversations().list(call.organizationId(), filter, PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("conversations", page, ConversationJson::of));
    }));
  }
}
