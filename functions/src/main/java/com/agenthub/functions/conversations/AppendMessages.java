package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;

/**
 * POST {conversation_id, expected_sequence?, messages: [...]} (or one message's fields in place of
 * messages): 201 with each message and its sequence; 200 when every message was already stored
 * under its client_message_id (a retry), each then marked replayed.
 */
public final class AppendMessages extends EndpointFunction {

  public AppendMessages() {
    this(Services.production());
  }

  public AppendMessages(Services services) {
    super(HttpEndpoint.of("AppendMessages", "POST", Scope.CONVERSATIONS_WRITE, services.authenticator(), call -> {
      var body = call.body().asJson();
      call.body().rejectUnknown(MessageJson.appendFields(body));
      String conversationId = call.body().requiredString("conversation_id");
      var appended = services.conversations().messages().append(call.organizationId(), conversationId,
          MessageJson.messages(body), call.body().optionalInteger("expected_sequence"));
      var reply = ConversationJson.of(conversationId, appended);
      return appended.appendedAny() ? ApiReply.created(reply) : ApiReply.ok(reply);
    }));
  }
}
