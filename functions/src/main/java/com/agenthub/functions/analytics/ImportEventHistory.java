package com.agenthub.functions.analytics;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.analytics.EventHistory;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * POST {@code {"events": [...]}} (up to 500, 1 MiB) of any past time, each with its
 * {@code event_id} and {@code timestamp}: a migration's history, which TrackEvents (the last 30
 * days, and counted only from the next nightly refresh on a day already pre-computed) does not
 * serve. 200 once the accepted events are stored and counted in GetMetrics, with the id of each
 * and an error for each rejected one, and {@code stored}: how many of the accepted ones this call
 * stored (the others were stored before: repeating the call stores nothing twice).
 */
public final class ImportEventHistory extends EndpointFunction {

  public ImportEventHistory() {
    this(Services.production());
  }

  public ImportEventHistory(Services services) {
    super(HttpEndpoint.of("ImportEventHistory", "POST", Scope.ANALYTICS_WRITE, services.authenticator(), call -> {
      List<EventJson.Parsed> parsed = EventJson.batch(call.body());
      EventHistory.Recorded recorded = services.eventHistory().record(call.organizationId(), EventJson.valid(parsed));
      JsonObject reply = EventJson.reply(parsed, recorded.outcomes());
      reply.addProperty("stored", recorded.stored());
      return ApiReply.ok(reply);
    }));
  }
}
