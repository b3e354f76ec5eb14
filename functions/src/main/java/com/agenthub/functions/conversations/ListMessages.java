package com.agenthub.functions.conversations;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.PageJson;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import java.util.Optional;
import java.util.Set;

/** GET the messages of ?conversation_id= by sequence: ?order=asc (default) or desc, ?after_sequence=N, cursor-paginated. */
public final class ListMessages extends EndpointFunction {

  public ListMessages() {
    this(Services.production());
  }

  public ListMessages(Services services) {
    super(HttpEndpoint.of("ListMessages", "GET", Scope.CONVERSATIONS_READ, services.authenticator(), call -> {
      call.query().rejectUnknown(Set.of("conversation_id", "order", "after_sequence", "page_size", "page_token"));
      String order = call.query().optional("order").orElse("asc");
      if (!order.equals("asc") && !order.equals("desc")) {
        throw ApiError.invalid("order", "'order' must be asc or desc");
      }
      Optional<Long> after = call.query().optionalInt("after_sequence", 0, Integer.MAX_VALUE).map(Integer::longValue);
      var page = services.conversations().messages().list(call.organizationId(), call.query().required("conversation_id"),
          order.equals("desc"), after, PageJson.request(call.query()));
      return ApiReply.ok(PageJson.of("messages", page, ConversationJson::of));
    }));
  }
}
