package com.agenthub.shared.metrics;

import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the warehouse is asked for an organization's daily metrics. Days before the aggregate's
 * watermark ({@code aggregate_refreshes.covered_until}, moved by the nightly scheduled query) come
 * from {@code analytics_daily_metrics}; later days (today, and yesterday before the night's
 * refresh) from the raw events. A day is never split between the two, so the distinct counts stay
 * exact. One statement reads the watermark and both sources, so it sees one snapshot of them.
 */
public final class DailyMetricsSource {

  /** Today and these many days before are always scanned raw when the watermark is not known yet. */
  static final int RAW_DAYS = 3;

  /**
   * Aggregated days, raw days and one row (day NULL) carrying the watermark. The raw part's
   * partition filter is the constant {@code @raw_start}: BigQuery prunes partitions on constants
   * and parameters, not on the watermark subquery, which only filters rows.
   */
  static final String SQL = """
      WITH refresh AS (
        SELECT IFNULL(MAX(covered_until), DATE '1970-01-01') AS covered_until
        FROM {aggregate_refreshes}
        WHERE aggregate = 'analytics_daily_metrics'
      ),
      aggregated AS (
        SELECT CAST(day AS STRING) AS day, event_type, events, users, sessions
        FROM {analytics_daily_metrics}
        WHERE organization_id = @organization_id
          AND day >= @start_date AND day <= @end_date
          AND day < (SELECT covered_until FROM refresh)
          AND (@event_type = '' OR event_type = @event_type)
        QUALIFY ROW_NUMBER() OVER (PARTITION BY day, event_type ORDER BY refreshed_at DESC) = 1
      ),
      recent AS (
        SELECT CAST(DATE(created_at) AS STRING) AS day, event_type,
               COUNT(DISTINCT id) AS events,
               COUNT(DISTINCT user_id) AS users,
               COUNT(DISTINCT session_id) AS sessions
        FROM {analytics_events}
        WHERE organization_id = @organization_id
          AND created_at >= @raw_start AND created_at < @range_end
          AND created_at >= TIMESTAMP((SELECT covered_until FROM refresh))
          AND (@event_type = '' OR event_type = @event_type)
        GROUP BY day, event_type
      )
      SELECT day, event_type, events, users, sessions, CAST(NULL AS STRING) AS covered_until FROM aggregated
      UNION ALL
      SELECT day, event_type, events, users, sessions, CAST(NULL AS STRING) AS covered_until FROM recent
      UNION ALL
      SELECT CAST(NULL AS STRING), CAST(NULL AS STRING), CAST(NULL AS INT64), CAST(NULL AS INT64), CAST(NULL AS INT64),
             CAST(covered_until AS STRING) FROM refresh
      ORDER BY day, event_type""";

  private final Warehouse warehouse;
  private final Clock clock;
  /**
   * The watermark last seen. Refreshes only move it forward, so raw days from here on leave no gap;
   * were it ever lower (the aggregate rebuilt), the answer's own watermark shows it and the query is repeated.
   */
  private final AtomicReference<LocalDate> knownWatermark = new AtomicReference<>();

  public DailyMetricsSource(Warehouse warehouse, Clock clock) {
    this.warehouse = warehouse;
    this.clock = clock;
  }

  public List<DailyMetric> read(String organizationId, MetricsQuery query) {
    LocalDate known = knownWatermark.get();
    LocalDate rawFrom = known != null ? known : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(RAW_DAYS);
    Answer answer = ask(organizationId, query, later(query.startDate(), rawFrom));
    answer.watermark().ifPresent(knownWatermark::set);
    // Days between the watermark and rawFrom were in neither part (the aggregate is older than
    // guessed): ask again with the raw part starting at the watermark now known.
    if (answer.watermark().isPresent() && answer.watermark().get().isBefore(rawFrom)
        && query.startDate().isBefore(rawFrom)) {
      answer = ask(organizationId, query, later(query.startDate(), answer.watermark().get()));
    }
    return answer.days();
  }

  private record Answer(List<DailyMetric> days, Optional<LocalDate> watermark) {}

  private Answer ask(String organizationId, MetricsQuery query, LocalDate rawFrom) {
    Map<String, QueryParameter> parameters = new LinkedHashMap<>();
    parameters.put("organization_id", QueryParameter.string(organizationId));
    parameters.put("start_date", QueryParameter.date(query.startDate()));
    parameters.put("end_date", QueryParameter.date(query.endDate()));
    parameters.put("raw_start", QueryParameter.timestamp(rawFrom.atStartOfDay(ZoneOffset.UTC).toInstant()));
    parameters.put("range_end", QueryParameter.timestamp(query.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    parameters.put("event_type", QueryParameter.string(query.eventType().orElse("")));
    List<DailyMetric> days = new ArrayList<>();
    Optional<LocalDate> watermark = Optional.empty();
    for (Map<String, Object> row : warehouse.query(SQL, parameters)) {
      if (row.get("day") == null) {
        watermark = Optional.ofNullable((String) row.get("covered_until")).map(LocalDate::parse);
      } else {
        days.add(metric(row));
      }
    }
    return new Answer(days, watermark);
  }

  private static DailyMetric metric(Map<String, Object> row) {
    return new DailyMetric((String) row.get("day"), (String) row.get("event_type"),
        (Long) row.get("events"), (Long) row.get("users"), (Long) row.get("sessions"));
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
