package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.HttpEndpoint;

/**
 * POST a conversation with an agent of the caller's organization: 201 with it, or 200 with the
 * existing one when a client-chosen {@code id} already names the same conversation.
 */
public final class CreateConversation extends EndpointFunction {

  public CreateConversation() {
    this(Services.production());
  }

  public CreateConversation(Services services) {
    super(HttpEndpoint.of("CreateConversation", "POST", Scope.CONVERSATIONS_WRITE, services.authenticator(), call -> {
      var result = services.conversations().conversations().create(call.organizationId(),
          ConversationJson.newConversation(call.body()));
      var body = ConversationJson.of(result.conversation());
      return (result.created() ? ApiReply.created(body) : ApiReply.ok(body))
          .withHeader("ETag", ETags.of(result.conversation().version()));
    }).idempotent(services.idempotencyKeys()));
  }
}
