package com.agenthub.shared.analytics;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.PublishException;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

  /** One outcome per event, in order. Publishes the accepted ones, if any, as one message. */
  public List<EventOutcome> track(String organizationId, List<NewEvent> events) {
    Instant now = Timestamps.now(clock);
    CheckedEvents checked = CheckedEvents.check(organizationId, events, now, event -> happenedAt(event, now));
    if (!checked.rows().isEmpty()) {
      publish(organizationId, checked.rows());
    }
    return checked.outcomes();
  }

  private void publish(String organizationId, List<AnalyticsEventRow> rows) {
    try {
      publisher.publish(AnalyticsEventMessages.TOPIC, AnalyticsEventMessages.encode(organizationId, rows));
    } catch (PublishException e) {
      throw ApiError.of(ErrorKind.UNAVAILABLE, "events could not be queued; nothing was accepted, retry the call");
    }
  }

  private static Instant happenedAt(NewEvent event, Instant now) {
    if (event.timestamp().isEmpty()) {
      return now;
    }
    Instant timestamp = event.timestamp().get();
    if (timestamp.isBefore(now.minus(MAX_PAST)) || timestamp.isAfter(now.plus(MAX_FUTURE))) {
      throw ApiError.invalid("timestamp", "'timestamp' must lie within the last " + MAX_PAST.toDays()
          + " days (older ones: ImportEventHistory) and at most " + MAX_FUTURE.toHours() + " hour ahead");
    }
    return Timestamps.truncate(timestamp);
  }
}
