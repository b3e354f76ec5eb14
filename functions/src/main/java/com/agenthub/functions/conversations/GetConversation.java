package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the conversation ?conversation_id= with its message count and token totals. */
public final class GetConversation extends EndpointFunction {

  public GetConversation() {
    this(Services.production());
  }

  public GetConversation(Services services) {
    super(HttpEndpoint.of("GetConversation", "GET", Scope.CONVERSATIONS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("conversation_id"));
      var conversation = services.conversations().conversations().get(call.organizationId(),
          call.query().required("conversation_id"));
      return ApiReply.ok(ConversationJson.of(conversation)).withHeader("ETag", ETags.of(conversation.version()));
    }));
  }
}
