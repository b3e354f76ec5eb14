package com.agenthub.shared.analytics;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.JsonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A batch of events checked one by one, as TrackEvents and ImportEventHistory both take them: one
 * outcome per event, in order, and the warehouse row of each accepted one. An event is refused
 * alone (its time outside what the path takes, its id twice in the batch); the others still go.
 */
record CheckedEvents(List<EventOutcome> outcomes, List<AnalyticsEventRow> rows) {

  /** {@code happenedAt} gives the event's time, or throws the ApiError that refuses it. */
  static CheckedEvents check(String organizationId, List<NewEvent> events, Instant receivedAt,
      Function<NewEvent, Instant> happenedAt) {
    if (events.size() > EventIntake.MAX_BATCH) {
      throw ApiError.invalid("events", "at most " + EventIntake.MAX_BATCH + " events per call, got " + events.size());
    }
    List<EventOutcome> outcomes = new ArrayList<>();
    List<AnalyticsEventRow> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (NewEvent event : events) {
      try {
        Instant at = happenedAt.apply(event);
        String id = idOf(organizationId, event);
        if (!ids.add(id)) {
          throw ApiError.invalid("event_id", "event_id '" + event.eventId().orElse("") + "' appears twice in this batch");
        }
        rows.add(new AnalyticsEventRow(id, organizationId, event.eventType(), JsonText.of(event.eventData()),
            event.userId(), event.sessionId(), at, receivedAt));
        outcomes.add(EventOutcome.accepted(id));
      } catch (ApiError e) {
        outcomes.add(EventOutcome.rejected(e));
      }
    }
    return new CheckedEvents(List.copyOf(outcomes), List.copyOf(rows));
  }

  /**
   * A client event id makes the id deterministic per organization, so a retried event keeps it,
   * whichever path (TrackEvents, ImportEventHistory) it took: the warehouse counts it once.
   */
  private static String idOf(String organizationId, NewEvent event) {
    return event.eventId()
        .map(clientId -> Sha256.hex(organizationId + "\n" + clientId).substring(0, 32))
        .orElseGet(Ids::newId);
  }
}
