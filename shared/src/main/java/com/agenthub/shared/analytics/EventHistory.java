package com.agenthub.shared.analytics;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Importing past events (a migration's history): TrackEvents takes the last 30 days only, since it
 * streams, and BigQuery streams into recent partitions only. These events are written with DML
 * instead, straight into analytics_events, and each day they land on is recomputed at once in
 * analytics_daily_metrics (the nightly refresh recomputes only its last 31 days), so GetMetrics
 * shows them. Three statements, each safe to repeat, so a call that failed half-way is retried whole:
 * <ol>
 *   <li>insert the events no earlier call stored (ids derive from event_id: see {@link CheckedEvents});
 *   <li>recompute the organization's rows of the days touched that the aggregate holds (before its
 *       watermark; later days GetMetrics reads raw), stamped with the statement's own time;
 *   <li>delete the rows those supersede.
 * </ol>
 * Readers take each day's latest row, and a recompute sees every event committed before it started,
 * so calls side by side converge: the last recompute of a day counts every event of it.
 */
public final class EventHistory {

  /** Before this, a timestamp is more likely a missing value (0) than history. */
  static final Instant EARLIEST = Instant.parse("1970-01-02T00:00:00Z");

  static final String INSERT = """
      INSERT INTO {analytics_events} (id, organization_id, event_type, event_data, user_id, session_id, created_at, received_at)
      SELECT incoming.id, @organization_id, incoming.event_type, PARSE_JSON(incoming.event_data),
             NULLIF(incoming.user_id, ''), NULLIF(incoming.session_id, ''), incoming.created_at, @received_at
      FROM (%s) AS incoming
      WHERE NOT EXISTS (
        SELECT 1 FROM {analytics_events} AS stored
        WHERE stored.organization_id = @organization_id
          AND stored.created_at >= @earliest AND stored.created_at <= @latest
          AND stored.id = incoming.id)""";

  static final String RECOMPUTE = """
      INSERT INTO {analytics_daily_metrics} (organization_id, day, event_type, events, users, sessions, refreshed_at)
      SELECT organization_id, DATE(created_at) AS day, event_type,
             COUNT(DISTINCT id), COUNT(DISTINCT user_id), COUNT(DISTINCT session_id), CURRENT_TIMESTAMP()
      FROM {analytics_events}
      WHERE organization_id = @organization_id
        AND created_at >= @first_day_start AND created_at < @last_day_end
        AND DATE(created_at) IN (%s)
        AND DATE(created_at) < (
          SELECT IFNULL(MAX(covered_until), DATE '1970-01-01') FROM {aggregate_refreshes}
          WHERE aggregate = 'analytics_daily_metrics')
      GROUP BY organization_id, day, event_type""";

  static final String DELETE_SUPERSEDED = """
      DELETE FROM {analytics_daily_metrics} AS old
      WHERE old.organization_id = @organization_id AND old.day IN (%s)
        AND EXISTS (
          SELECT 1 FROM {analytics_daily_metrics} AS newer
          WHERE newer.organization_id = old.organization_id AND newer.day = old.day
            AND newer.event_type = old.event_type AND newer.refreshed_at > old.refreshed_at)""";

  private final Warehouse warehouse;
  private final Clock clock;

  public EventHistory(Warehouse warehouse, Clock clock) {
    this.warehouse = warehouse;
    this.clock = clock;
  }

  /** One outcome per event, in order, and how many of the accepted events this call stored (the others were stored before). */
  public record Recorded(List<EventOutcome> outcomes, long stored) {}

  /**
   * The accepted events are stored (once, however often the call is repeated) and counted in the
   * organization's metrics when this returns. Each event needs its {@code event_id} and {@code timestamp}.
   */
  public Recorded record(String organizationId, List<NewEvent> events) {
    Instant now = Timestamps.now(clock);
    CheckedEvents checked = CheckedEvents.check(organizationId, events, now, event -> happenedAt(event, now));
    long stored = 0;
    if (!checked.rows().isEmpty()) {
      try {
        stored = store(organizationId, checked.rows(), now);
      } catch (WarehouseException e) {
        if (!e.isTransient()) {
          throw e;
        }
        throw ApiError.of(ErrorKind.UNAVAILABLE, "the analytics warehouse is unavailable; some events may be stored "
            + "already: retry the same call, it stores each event once");
      }
    }
    return new Recorded(checked.outcomes(), stored);
  }

  /** How many of {@code rows} were new. */
  private long store(String organizationId, List<AnalyticsEventRow> rows, Instant receivedAt) {
    long stored = insertNew(organizationId, rows, receivedAt);
    SortedSet<LocalDate> days = new TreeSet<>();
    rows.forEach(row -> days.add(LocalDate.ofInstant(row.createdAt(), ZoneOffset.UTC)));
    recompute(organizationId, days);
    return stored;
  }

  private long insertNew(String organizationId, List<AnalyticsEventRow> rows, Instant receivedAt) {
    Map<String, QueryParameter> parameters = new LinkedHashMap<>();
    parameters.put("organization_id", QueryParameter.string(organizationId));
    parameters.put("received_at", QueryParameter.timestamp(receivedAt));
    parameters.put("earliest", QueryParameter.timestamp(rows.stream().map(AnalyticsEventRow::createdAt).min(Comparator.naturalOrder()).orElseThrow()));
    parameters.put("latest", QueryParameter.timestamp(rows.stream().map(AnalyticsEventRow::createdAt).max(Comparator.naturalOrder()).orElseThrow()));
    // One parameter per value: bigquery-local binds neither arrays of structs nor NULL parameters,
    // so an absent user or session is '' (never a valid id) and NULLIF makes it NULL again.
    StringJoiner incoming = new StringJoiner("\n  UNION ALL ");
    for (int i = 0; i < rows.size(); i++) {
      AnalyticsEventRow row = rows.get(i);
      incoming.add(("SELECT @id_%1$d AS id, @type_%1$d AS event_type, @data_%1$d AS event_data, @user_%1$d AS user_id, "
          + "@session_%1$d AS session_id, @at_%1$d AS created_at").formatted(i));
      parameters.put("id_" + i, QueryParameter.string(row.id()));
      parameters.put("type_" + i, QueryParameter.string(row.eventType()));
      parameters.put("data_" + i, QueryParameter.string(row.eventData().json()));
      parameters.put("user_" + i, QueryParameter.string(row.userId().orElse("")));
      parameters.put("session_" + i, QueryParameter.string(row.sessionId().orElse("")));
      parameters.put("at_" + i, QueryParameter.timestamp(row.createdAt()));
    }
    return warehouse.execute(INSERT.formatted(incoming), parameters);
  }

  /** The organization's aggregate rows of {@code days}, computed anew, then the versions they supersede deleted. */
  private void recompute(String organizationId, SortedSet<LocalDate> days) {
    Map<String, QueryParameter> touched = new LinkedHashMap<>();
    touched.put("organization_id", QueryParameter.string(organizationId));
    StringJoiner dayList = new StringJoiner(", ");
    int n = 0;
    for (LocalDate day : days) {
      touched.put("day_" + n, QueryParameter.date(day));
      dayList.add("@day_" + n++);
    }
    Map<String, QueryParameter> recompute = new LinkedHashMap<>(touched);
    recompute.put("first_day_start", QueryParameter.timestamp(days.first().atStartOfDay(ZoneOffset.UTC).toInstant()));
    recompute.put("last_day_end", QueryParameter.timestamp(days.last().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    warehouse.execute(RECOMPUTE.formatted(dayList), recompute);
    warehouse.execute(DELETE_SUPERSEDED.formatted(dayList), touched);
  }

  private static Instant happenedAt(NewEvent event, Instant now) {
    if (event.eventId().isEmpty()) {
      throw ApiError.invalid("event_id", "'event_id' is required: it makes a repeated import store the event once");
    }
    Instant timestamp = event.timestamp().orElseThrow(() ->
        ApiError.invalid("timestamp", "'timestamp' is required: when the event happened"));
    if (timestamp.isBefore(EARLIEST) || timestamp.isAfter(now.plus(EventIntake.MAX_FUTURE))) {
      throw ApiError.invalid("timestamp", "'timestamp' must lie after " + EARLIEST + " and at most "
          + EventIntake.MAX_FUTURE.toHours() + " hour ahead");
    }
    return Timestamps.truncate(timestamp);
  }
}
