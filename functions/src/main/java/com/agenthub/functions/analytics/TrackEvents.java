package com.agenthub.functions.analytics;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.analytics.EventOutcome;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.HttpEndpoint;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * POST one event, or {@code {"events": [...]}} (up to 500, 1 MiB), for the caller's organization.
 * 202 with the id of each accepted event and an error for each rejected one; a single event
 * that is invalid is a 400.
 */
public final class TrackEvents extends EndpointFunction {

  public TrackEvents() {
    this(Services.production());
  }

  public TrackEvents(Services services) {
    super(HttpEndpoint.of("TrackEvents", "POST", Scope.ANALYTICS_WRITE, services.authenticator(), call -> {
      JsonObject body = call.body().asJson();
      boolean batch = body.has("events");
      List<EventJson.Parsed> parsed = batch ? EventJson.batch(call.body()) : List.of(new EventJson.Parsed(0, EventJson.newEvent("", body)));
      List<EventOutcome> outcomes = services.eventIntake().track(call.organizationId(), EventJson.valid(parsed));
      if (!batch && outcomes.get(0).error().isPresent()) {
        throw outcomes.get(0).error().get();
      }
      return ApiReply.accepted(EventJson.reply(parsed, outcomes));
    }).idempotent(services.idempotencyKeys()));
  }
}
