package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** GET the organization's conversation settings: {message_retention_days} (null: messages are kept). */
public final class GetConversationSettings extends EndpointFunction {

  public GetConversationSettings() {
    this(Services.production());
  }

  public GetConversationSettings(Services services) {
    super(HttpEndpoint.of("GetConversationSettings", "GET", Scope.CONVERSATIONS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of());
      return ApiReply.ok(ConversationJson.settings(
          services.conversations().settings().messageRetentionDays(call.organizationId())));
    }));
  }
}
