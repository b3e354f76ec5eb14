package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** DELETE the conversation ?conversation_id=: gone from gets and lists with its messages, its record archived; honours If-Match. */
public final class DeleteConversation extends EndpointFunction {

  public DeleteConversation() {
    this(Services.production());
  }

  public DeleteConversation(Services services) {
    super(HttpEndpoint.of("DeleteConversation", "DELETE", Scope.CONVERSATIONS_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("conversation_id"));
      services.conversations().conversations().delete(call.organizationId(), call.query().required("conversation_id"),
          ETags.ifMatch(call));
      return ApiReply.noContent();
    }));
  }
}
