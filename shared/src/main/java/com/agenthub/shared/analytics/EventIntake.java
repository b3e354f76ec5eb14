package com.agenthub.shared.analytics;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.PublishException;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.JsonText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tracking events: each valid event gets its id and goes, with the rest of its batch, to the
 * analytics-events topic in one message; the call returns only once Pub/Sub has it.
 */
public final class EventIntake {

  public static final int MAX_BATCH = 500;
  /** How far back a client timestamp may lie (BigQuery streams into recent partitions only). */
  static final Duration MAX_PAST = Duration.ofDays(30);
  /** How far ahead a client timestamp may lie: client clock skew, no more. */
  static final Duration MAX_FUTURE = Duration.ofHours(1);

  private final EventPublisher publisher;
  private final Clock clock;

  public EventIntake(EventPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /** What became of one event: its id, or why it was refused. */
  public record Outcome(Optional<String> id, Optional<ApiError> error) {
    static Outcome accepted(String id) {
      return new Outcome(Optional.of(id), Optional.empty());
    }

    static Outcome rejected(ApiError error) {
      return new Outcome(Optional.empty(), Optional.of(error));
    }
  }

  /** One outcome per event, in order. Publishes the accepted ones, if any, as one message. */
  public List<Outcome> track(String organizationId, List<NewEvent> events) {
    if (events.size() > MAX_BATCH) {
      throw ApiError.invalid("events", "at most " + MAX_BATCH + " events per call, got " + events.size());
    }
    Instant now = Timestamps.now(clock);
    List<Outcome> outcomes = new ArrayList<>();
    List<AnalyticsEventRow> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (NewEvent event : events) {
      try {
        Instant happenedAt = happenedAt(event, now);
        String id = idOf(organizationId, event);
        if (!ids.add(id)) {
          throw ApiError.invalid("event_id", "event_id '" + event.eventId().orElse("") + "' appears twice in this batch");
        }
        rows.add(new AnalyticsEventRow(id, organizationId, event.eventType(),
            JsonText.of(event.eventData()), event.userId(), event.sessionId(),
            happenedAt, now));
        outcomes.add(Outcome.accepted(id));
      } catch (ApiError e) {
        outcomes.add(Outcome.rejected(e));
      }
    }
    if (!rows.isEmpty()) {
      publish(organizationId, rows);
    }
    return outcomes;
  }

  private void publish(String organizationId, List<AnalyticsEventRow> rows) {
    try {
      publisher.publish(AnalyticsEventMessages.TOPIC, AnalyticsEventMessages.encode(organizationId, rows));
    } catch (PublishException e) {
      throw ApiError.of(ErrorKind.UNAVAILABLE, "events could not be queued; nothing was accepted, retry the call");
    }
  }

  /** A client event id makes the id deterministic per organization, so a retried event keeps it. */
  private static String idOf(String organizationId, NewEvent event) {
    return event.eventId()
        .map(clientId -> Sha256.hex(organizationId + "\n" + clientId).substring(0, 32))
        .orElseGet(Ids::newId);
  }

  private static Instant happenedAt(NewEvent event, Instant now) {
    if (event.timestamp().isEmpty()) {
      return now;
    }
    Instant timestamp = event.timestamp().get();
    if (timestamp.isBefore(now.minus(MAX_PAST)) || timestamp.isAfter(now.plus(MAX_FUTURE))) {
      throw ApiError.invalid("timestamp", "'timestamp' must lie within the last " + MAX_PAST.toDays()
          + " days and at most " + MAX_FUTURE.toHours() + " hour ahead");
    }
    return Timestamps.truncate(timestamp);
  }
}
