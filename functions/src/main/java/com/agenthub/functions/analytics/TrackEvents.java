package com.agenthub.functions.analytics;

import com.agenthub.functions.EndpointFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.auth.Scope;
import com.agenthub.shared.analytics.EventIntake;
import com.agenthub.shared.analytics.NewEvent;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ApiReply;
import com.agenthub.shared.http.ErrorJson;
import com.agenthub.shared.http.HttpEndpoint;
import com.agenthub.shared.http.JsonFields;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
      List<Parsed> parsed = batch ? parseBatch(call.body()) : List.of(new Parsed(0, EventJson.newEvent("", body)));
      List<NewEvent> valid = parsed.stream().filter(p -> p.event != null).map(p -> p.event).toList();
      List<EventIntake.Outcome> outcomes = services.eventIntake().track(call.organizationId(), valid);
      if (!batch && outcomes.get(0).error().isPresent()) {
        throw outcomes.get(0).error().get();
      }
      return ApiReply.accepted(reply(parsed, outcomes));
    }).idempotent(services.idempotencyKeys()));
  }

  /** An event as read from the request: the event, or the error that kept it out. */
  private record Parsed(int index, NewEvent event, ApiError error) {
    Parsed(int index, NewEvent event) {
      this(index, event, null);
    }
  }

  private static List<Parsed> parseBatch(JsonFields body) {
    body.rejectUnknown(Set.of("events"));
    JsonArray events = EventJson.events(body.asJson().get("events"));
    List<Parsed> parsed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String prefix = "events[" + i + "].";
      try {
        parsed.add(new Parsed(i, EventJson.newEvent(prefix, EventJson.object(prefix, events.get(i)))));
      } catch (ApiError e) {
        parsed.add(new Parsed(i, null, e));
      }
    }
    return parsed;
  }

  private static JsonObject reply(List<Parsed> parsed, List<EventIntake.Outcome> outcomes) {
    JsonArray accepted = new JsonArray();
    JsonArray rejected = new JsonArray();
    int next = 0;
    for (Parsed event : parsed) {
      Optional<ApiError> error = Optional.ofNullable(event.error);
      Optional<String> id = Optional.empty();
      if (event.event != null) {
        EventIntake.Outcome outcome = outcomes.get(next++);
        id = outcome.id();
        error = outcome.error().map(e -> EventJson.prefixed("events[" + event.index + "].", e));
      }
      JsonObject entry = new JsonObject();
      entry.addProperty("index", event.index);
      if (id.isPresent()) {
        entry.addProperty("id", id.get());
        accepted.add(entry);
      } else {
        entry.add("error", ErrorJson.detail(error.get()));
        rejected.add(entry);
      }
    }
    JsonObject body = new JsonObject();
    body.add("accepted", accepted);
    body.add("rejected", rejected);
    return body;
  }
}
