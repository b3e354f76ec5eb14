package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** POST {conversation_id}: the conversation keeps its messages and takes no more (409 if already closed); honours If-Match. */
public final class CloseConversation extends EndpointFunction {

  public CloseConversation() {
    this(Services.production());
  }

  public CloseConversation(Services services) {
    super(HttpEndpoint.of("CloseConversation", "POST", Scope.CONVERSATIONS_WRITE, services.authenticator(), call -> {
      call.body().rejectUnknown(Set.of("conversation_id"));
      var conversation = services.conversations().conversations().close(call.organizationId(),
          call.body().requiredString("conversation_id"), ETags.ifMatch(call));
      return ApiReply.ok(ConversationJson.of(conversation)).withHeader("ETag", ETags.of(conversation.version()));
    }));
  }
}
