package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Set;

/** PATCH {message_retention_days: 1..3650 | null}: how long messages appended from now on are kept. */
public final class UpdateConversationSettings extends EndpointFunction {

  public UpdateConversationSettings() {
    this(Services.production());
  }

  public UpdateConversationSettings(Services services) {
    super(HttpEndpoint.of("UpdateConversationSettings", "PATCH", Scope.CONVERSATIONS_WRITE, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of());
      call.body().rejectUnknown(Set.of("message_retention_days"));
      if (!call.body().asJson().has("message_retention_days")) {
        throw ApiError.invalid("message_retention_days", "'message_retention_days' is required (null keeps messages)");
      }
      return ApiReply.ok(ConversationJson.settings(services.conversations().settings().setMessageRetentionDays(
          call.organizationId(), call.body().optionalInteger("message_retention_days"))));
    }));
  }
}
